import { Layer } from "effect";
import { makeBatchedViewCounter, VIEW_COUNTER_DEFAULTS, type ViewCounterOptions } from "../../adapters/redis/BatchedViewCounter.js";
import { InProcessKeyValue } from "../../adapters/redis/InProcessKeyValue.js";
import type { KeyValue } from "../../adapters/redis/KeyValue.js";

/**
 * Question views, counted in Redis (or its in-process twin) and written back to whichever store serves
 * the questions in batches (see BatchedViewCounter). Switched here, and nowhere else.
 */
export const withViewCounter = <A, E, R>(
  store: Layer.Layer<A, E, R>,
  keyValue: Layer.Layer<KeyValue> = InProcessKeyValue,
  options: ViewCounterOptions = VIEW_COUNTER_DEFAULTS,
) => makeBatchedViewCounter(options).pipe(Layer.provideMerge(Layer.merge(store, keyValue)));
