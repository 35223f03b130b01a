import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import type { VerificationLevel } from "../../domain/user/user.js";
import { UserNotFound } from "../errors.js";
import { Clock } from "../ports/Clock.js";
import { Events } from "../ports/Events.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { requireAdmin } from "./actor.js";
import { recordAudit } from "./audit.js";

/**
 * An admin sets a user's verification level (3 is granted only this way: an organisation or a known local
 * guide). The change shows in the user's search documents (AuthorChanged). Audited with the old and new level.
 */
export const setVerificationLevel = Effect.fn("setVerificationLevel")(function* (
  actorId: UserId,
  userId: UserId,
  level: VerificationLevel,
) {
  yield* requireAdmin(actorId);
  const now = yield* (yield* Clock).now;
  const users = yield* UserRepository;
  return yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const user = yield* users.findForUpdate(userId);
      if (!user) return yield* Effect.fail(UserNotFound);
      const updated = { ...user, verificationLevel: level, updatedAt: now };
      yield* users.saveProfile(updated);
      yield* recordAudit({
        actorId,
        action: "set_verification_level",
        target: { type: "user", id: userId },
        detail: { from: user.verificationLevel, to: level },
      });
      yield* (yield* Events).record([{ _tag: "AuthorChanged", userId }]);
      return updated;
    }),
  );
});
