import { Effect, Layer } from "effect";
import { Clock } from "../../application/ports/Clock.js";

export const SystemClock = Layer.succeed(Clock, { now: Effect.sync(() => new Date()) });
