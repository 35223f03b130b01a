import { Effect } from "effect";
import type { NotificationId, UserId } from "../../domain/shared/ids.js";
import { NotificationRepository } from "../ports/NotificationRepository.js";

/** Only the caller's own notifications change; others' ids are ignored. */
export const markRead = Effect.fn("markRead")(function* (userId: UserId, ids: readonly NotificationId[]) {
  return { count: yield* (yield* NotificationRepository).markRead(userId, ids) };
});
