import { Effect } from "effect";
import type { NotificationId, UserId } from "../../domain/shared/ids.js";
import { NotificationNotFound } from "../errors.js";
import { NotificationRepository } from "../ports/NotificationRepository.js";

/** The caller's own notifications, all or none: an id that is not theirs is NOT_FOUND and nothing changes. */
export const markRead = Effect.fn("markRead")(function* (userId: UserId, ids: readonly NotificationId[]) {
  const count = yield* (yield* NotificationRepository).markRead(userId, ids);
  if (count === null) return yield* Effect.fail(NotificationNotFound);
  return { count };
});
