import { Duration } from "effect";
import { PUSH_CONSUMER, pushNotifications } from "../../application/notification/pushNotifications.js";
import type { EventConsumerLoop } from "./eventDispatcher.js";

/**
 * Pushes committed notifications to open streams on every instance. Polled every 100 ms (an indexed
 * read of this consumer's deliveries) so a push lands well within a second of the commit.
 */
export const notificationPushConsumer: EventConsumerLoop = {
  name: PUSH_CONSUMER,
  deliverBatch: pushNotifications(200),
  idle: Duration.millis(100),
};
