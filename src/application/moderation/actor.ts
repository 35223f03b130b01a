import { Effect } from "effect";
import type { NotAdmin, NotModerator } from "../../domain/moderation/moderation.js";
import type { UserId } from "../../domain/shared/ids.js";
import { type Actor, canModerate, isAdmin } from "../../domain/user/role.js";
import { ModerationRepository } from "../ports/ModerationRepository.js";

/** The caller with their role. */
export const actorOf = Effect.fn("actorOf")(function* (userId: UserId) {
  const role = yield* (yield* ModerationRepository).roleOf(userId);
  return { id: userId, role } satisfies Actor;
});

export const requireModerator = Effect.fn("requireModerator")(function* (userId: UserId) {
  const actor = yield* actorOf(userId);
  if (!canModerate(actor.role)) return yield* Effect.fail<NotModerator>({ _tag: "NotModerator" });
  return actor;
});

export const requireAdmin = Effect.fn("requireAdmin")(function* (userId: UserId) {
  const actor = yield* actorOf(userId);
  if (!isAdmin(actor.role)) return yield* Effect.fail<NotAdmin>({ _tag: "NotAdmin" });
  return actor;
});
