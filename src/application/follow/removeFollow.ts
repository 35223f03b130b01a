import { Effect } from "effect";
import { FollowNotFound } from "../../domain/notification/follow.js";
import type { UserId } from "../../domain/shared/ids.js";
import { FollowRepository } from "../ports/FollowRepository.js";

/** Removes one of the caller's own follows; someone else's id is not found, as an unknown one. */
export const removeFollow = Effect.fn("removeFollow")(function* (userId: UserId, followId: string) {
  const removed = yield* (yield* FollowRepository).remove(userId, followId);
  if (!removed) return yield* Effect.fail(FollowNotFound);
  return { removed: true as const };
});
