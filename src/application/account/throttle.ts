import { Effect } from "effect";
import type { TooManyAttempts } from "../errors.js";
import { type LimitName, RateLimiter } from "../ports/RateLimiter.js";

/** Counts one attempt against each (limit, key); fails with TooManyAttempts, giving back what it counted, when one is spent. */
export const throttle = Effect.fn("throttle")(function* (checks: readonly (readonly [LimitName, string | null])[]) {
  const limiter = yield* RateLimiter;
  const counted: (readonly [LimitName, string])[] = [];
  for (const [limit, key] of checks) {
    if (key === null) continue;
    const decision = yield* limiter.consume(limit, key);
    if (decision._tag === "Limited") {
      // The attempt is refused, so it should not count against the other limits either.
      for (const [l, k] of counted) yield* limiter.refund(l, k);
      return yield* Effect.fail<TooManyAttempts>({ _tag: "TooManyAttempts", retryAfterMs: decision.retryAfterMs });
    }
    counted.push([limit, key]);
  }
});
