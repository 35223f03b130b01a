import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { BadgeRepository } from "../ports/BadgeRepository.js";
import { UserRepository } from "../ports/UserRepository.js";

/** What anyone may see of a user. */
export const getProfile = Effect.fn("getProfile")(function* (userId: UserId) {
  const user = yield* (yield* UserRepository).findById(userId);
  if (!user || user.deletedAt !== null) return yield* Effect.fail(UserNotFound);
  const badges = yield* (yield* BadgeRepository).listByUser(userId);
  return { user, badges };
});
