import { Layer } from "effect";
import { WriteThroughViewCounter } from "../../adapters/system/WriteThroughViewCounter.js";

/**
 * Question views, counted over whichever store serves the questions: each view is written through to
 * the question store. A buffering counter (Redis, by its URL) would be switched on here, and nowhere else.
 */
export const withViewCounter = <A, E, R>(store: Layer.Layer<A, E, R>) => WriteThroughViewCounter.pipe(Layer.provideMerge(store));
