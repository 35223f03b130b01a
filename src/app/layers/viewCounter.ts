import { Layer } from "effect";
import { makeBatchedViewCounter, VIEW_COUNTER_DEFAULTS, type ViewCounterOptions } from "../../adapters/redis/BatchedViewCounter.js";
import { SESSION_CACHE_DEFAULTS, withSessionCache } from "../../adapters/redis/CachedSessionStore.js";
import { InProcessKeyValue } from "../../adapters/redis/InProcessKeyValue.js";
import type { KeyValue } from "../../adapters/redis/KeyValue.js";
import { type ActivityFallbackReport, KeyValueActivityCountersWithFallback } from "../../adapters/redis/KeyValueActivityCounters.js";
import { KeyValuePresence } from "../../adapters/redis/KeyValuePresence.js";
import { PubSubNotificationFeed } from "../../adapters/redis/PubSubNotificationFeed.js";
import { makeTwoLevelCache, TWO_LEVEL_DEFAULTS } from "../../adapters/redis/TwoLevelCache.js";

/**
 * The Redis tier over whichever store serves the data, switched here and nowhere else: question views
 * counted in Redis (or its in-process twin) and written back in batches (BatchedViewCounter), and the
 * sessions cache in front of the session store (CachedSessionStore), and the public cache of anonymous
 * answers (TwoLevelCache), the live notification feed across instances (PubSubNotificationFeed) and presence
 * (KeyValuePresence), and the activity counters behind trending (KeyValueActivityCounters). The name is the one the tests and
 * tools already complete a store with.
 */
export const withViewCounter = <A, E, R>(
  store: Layer.Layer<A, E, R>,
  keyValue: Layer.Layer<KeyValue> = InProcessKeyValue,
  options: ViewCounterOptions = VIEW_COUNTER_DEFAULTS,
  onActivityFallback?: ActivityFallbackReport,
) => {
  const base = Layer.merge(store, keyValue);
  return Layer.mergeAll(
    makeBatchedViewCounter(options),
    withSessionCache(SESSION_CACHE_DEFAULTS),
    makeTwoLevelCache(TWO_LEVEL_DEFAULTS),
    PubSubNotificationFeed,
    // Who is online per region and typing per question (users:online:{region}, typing:{questionId}).
    KeyValuePresence,
    // Trending hashtags and busiest regions in bucketed sorted sets (activity:*), PostgreSQL standing in for reads.
    KeyValueActivityCountersWithFallback(onActivityFallback),
  ).pipe(Layer.provideMerge(base));
};
