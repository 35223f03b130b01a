import { CACHE_CONSUMER, invalidateCaches } from "../../application/cache/invalidateCaches.js";
import type { EventConsumerLoop } from "./eventDispatcher.js";

/** The public cache's event consumer: drops cached pages a committed change made stale, on every instance. */
export const cacheInvalidationConsumer: EventConsumerLoop = { name: CACHE_CONSUMER, deliverBatch: invalidateCaches(500) };
