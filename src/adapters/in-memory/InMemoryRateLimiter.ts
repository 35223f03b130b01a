import { Effect, Layer } from "effect";
import { RateLimiter } from "../../application/ports/RateLimiter.js";
import { RateLimitPolicy } from "../../application/ports/RateLimitPolicy.js";
import { makeFlexibleRateLimiter } from "../rate-limiter/flexibleRateLimiter.js";

/** Counters in this process only (RateLimiterMemory): right for one service process and for tests. */
export const InMemoryRateLimiter = Layer.effect(
  RateLimiter,
  Effect.gen(function* () {
    return makeFlexibleRateLimiter({ policy: yield* RateLimitPolicy });
  }),
);
