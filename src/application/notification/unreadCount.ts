import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { NotificationRepository } from "../ports/NotificationRepository.js";

export const unreadCount = Effect.fn("unreadCount")(function* (userId: UserId) {
  return { count: yield* (yield* NotificationRepository).unreadCount(userId) };
});
