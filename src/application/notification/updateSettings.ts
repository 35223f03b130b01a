import { Effect } from "effect";
import { applySettings, readSettings, type SettingsChange } from "../../domain/notification/settings.js";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { Clock } from "../ports/Clock.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";

/** Changes the given settings only (the row locked, so two changes at once both land); returns them all as now. */
export const updateSettings = Effect.fn("updateSettings")(function* (userId: UserId, change: SettingsChange) {
  return yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const users = yield* UserRepository;
      const user = yield* users.findForUpdate(userId);
      if (!user) return yield* Effect.fail(UserNotFound);
      const notificationSettings = applySettings(user.notificationSettings, change);
      yield* users.saveProfile({ ...user, notificationSettings, updatedAt: yield* (yield* Clock).now });
      return readSettings(notificationSettings);
    }),
  );
});
