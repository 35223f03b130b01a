import { Effect } from "effect";
import { readSettings } from "../../domain/notification/settings.js";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { UserRepository } from "../ports/UserRepository.js";

/** The caller's notification settings: each kind on or off, quiet hours (KST), the daily digest. */
export const getSettings = Effect.fn("getSettings")(function* (userId: UserId) {
  const user = yield* (yield* UserRepository).findById(userId);
  if (!user || user.deletedAt !== null) return yield* Effect.fail(UserNotFound);
  return readSettings(user.notificationSettings);
});
