import { Effect } from "effect";
import type { Notification } from "../../domain/notification/notification.js";
import type { NotificationId, UserId } from "../../domain/shared/ids.js";
import { NotificationRepository } from "../ports/NotificationRepository.js";

/** The most a stream replays at once after `Last-Event-ID` (older ones stay in `notification.list`). */
export const MAX_REPLAY = 500;

/** Where a new push stream starts: the unread count, and the newest notification (what "after now" means). */
export const openNotificationStream = Effect.fn("openNotificationStream")(function* (userId: UserId) {
  const repo = yield* NotificationRepository;
  const newest = yield* repo.list(userId, { unreadOnly: false, limit: 1 });
  return { unreadCount: yield* repo.unreadCount(userId), newest: newest[0]?.id ?? null, newestAt: newest[0]?.createdAt ?? null };
});

/**
 * What a stream that last delivered `after` has missed, oldest first, with the unread count now; with
 * no anchor (the user had none when the stream opened), their newest notifications.
 */
export const missedNotifications = Effect.fn("missedNotifications")(function* (userId: UserId, after: NotificationId | null) {
  const repo = yield* NotificationRepository;
  const missed: readonly Notification[] =
    after === null
      ? [...(yield* repo.list(userId, { unreadOnly: false, limit: MAX_REPLAY }))].reverse()
      : yield* repo.listAfter(userId, after, MAX_REPLAY);
  return { missed, unreadCount: yield* repo.unreadCount(userId) };
});
