import { ACTIVITY_CONSUMER, countActivity } from "../../application/activity/countActivity.js";
import type { EventConsumerLoop } from "./eventDispatcher.js";

/** The activity counters' event consumer: counts each asked question in the trending buckets (Redis). */
export const activityCountingConsumer: EventConsumerLoop = { name: ACTIVITY_CONSUMER, deliverBatch: countActivity(500) };
