import { Effect, Layer } from "effect";
import { Clock } from "../../application/ports/Clock.js";

/** A clock that stands still until moved: deterministic time for tests. */
export const makeManualClock = (start: Date) => {
  let now = start;
  return {
    layer: Layer.succeed(Clock, { now: Effect.sync(() => now) }),
    set: (at: Date) => {
      now = at;
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
};
