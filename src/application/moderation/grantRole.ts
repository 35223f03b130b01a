import { Effect } from "effect";
import type { Role } from "../../domain/user/role.js";
import { normalizeEmail } from "../../domain/user/user.js";
import { UserNotFound } from "../errors.js";
import { ModerationRepository } from "../ports/ModerationRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { recordAudit } from "./audit.js";

/** Gives the account with this email a role: the operator's command (`npm run user:role`), how the first admin exists. */
export const grantRole = Effect.fn("grantRole")(function* (email: string, role: Role) {
  const user = yield* (yield* UserRepository).findByEmail(normalizeEmail(email));
  if (!user) return yield* Effect.fail(UserNotFound);
  const moderation = yield* ModerationRepository;
  yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const from = yield* moderation.roleOf(user.id);
      if (!(yield* moderation.setRole(user.id, role))) return yield* Effect.fail(UserNotFound);
      yield* recordAudit({ actorId: null, action: "grant_role", target: { type: "user", id: user.id }, detail: { from, to: role } });
    }),
  );
  return { userId: user.id, role };
});
