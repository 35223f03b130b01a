import { Layer } from "effect";
import { RandomIds } from "../../adapters/system/RandomIds.js";
import { SystemClock } from "../../adapters/system/SystemClock.js";
import type { Clock } from "../../application/ports/Clock.js";

/** The clock (the system's, unless a tool brings its own, as the demo seed does) and random UUIDs. */
export const systemLayer = (clock: Layer.Layer<Clock> = SystemClock) => Layer.merge(clock, RandomIds);
