import { Effect } from "effect";
import { type EventConsumer, EventLog } from "../ports/EventLog.js";
import { NotificationFeed } from "../ports/NotificationFeed.js";
import { NotificationRepository } from "../ports/NotificationRepository.js";

/** The event consumer that pushes committed notifications to their recipients' open streams. */
export const PUSH_CONSUMER = "notification-push";
export const pushConsumer: EventConsumer = { name: PUSH_CONSUMER, wants: ["NotificationCreated"] };

/**
 * Takes one batch of committed notifications and publishes each with its recipient's unread count
 * (read once per recipient per batch, after the batch's notifications committed); acknowledged after.
 * Every instance runs it, so a push may go out twice: streams drop repeats by id.
 */
export const pushNotifications = Effect.fn("pushNotifications")(function* (batchSize = 200) {
  const log = yield* EventLog;
  const events = yield* log.pending(PUSH_CONSUMER, batchSize);
  if (events.length === 0) return 0;
  const repo = yield* NotificationRepository;
  const feed = yield* NotificationFeed;
  const counts = new Map<string, number>();
  for (const { event } of events) {
    // A notice stored in the recipient's quiet hours waits in their list, unpushed.
    if (event._tag !== "NotificationCreated" || event.silent) continue;
    const { userId } = event.notification;
    const unreadCount = counts.get(userId) ?? (yield* repo.unreadCount(userId));
    counts.set(userId, unreadCount);
    yield* feed.publish({ notification: event.notification, unreadCount });
  }
  yield* log.acknowledge(
    PUSH_CONSUMER,
    events.map((e) => e.id),
  );
  return events.length;
});
