import { Duration } from "effect";
import { PUSH_CONSUMER, pushNotifications } from "../../application/notification/pushNotifications.js";
import type { EventConsumerLoop } from "./eventDispatcher.js";

/**
 * Pushes committed notifications to open streams on every instance. Polled every 100 ms (an indexed
 * read of this consumer's deliveries) so a push lands well within a second of the commit. A batch Redis did
 * not take is retried within 2 s: this instance's streams get it at once, the others' once Redis takes it.
 */
export const notificationPushConsumer: EventConsumerLoop = {
  name: PUSH_CONSUMER,
  deliverBatch: pushNotifications(200),
  idle: Duration.millis(100),
  retryAtMost: Duration.seconds(2),
};
