import { Effect, Layer } from "effect";
import { RateLimiterRedis } from "rate-limiter-flexible";
import type { LimitName } from "../../application/ports/RateLimiter.js";
import { RateLimiter } from "../../application/ports/RateLimiter.js";
import { RateLimitPolicy } from "../../application/ports/RateLimitPolicy.js";
import { makeFlexibleRateLimiter } from "../rate-limiter/flexibleRateLimiter.js";
import { connect, type RedisTarget } from "./RedisKeyValue.js";

export interface RedisRateLimiterOptions {
  readonly target: RedisTarget;
  /** Put before every counter's key (deployments or tests sharing one Redis). */
  readonly keyPrefix?: string;
  /** How long a Redis call may take before the in-process counter answers instead. */
  readonly budgetMs?: number;
  readonly onFallback?: (limit: LimitName, reason: string) => void;
}

/**
 * Counters in Redis (rate-limiter-flexible's RateLimiterRedis), shared by every service process. No
 * insurance limiter: makeFlexibleRateLimiter already falls back to the in-process counters on an error or a
 * timeout (an insurance limiter as well would count a slow call twice). Its own client, closed with the scope.
 */
export const RedisRateLimiter = (options: RedisRateLimiterOptions) =>
  Layer.effect(
    RateLimiter,
    Effect.gen(function* () {
      const policy = yield* RateLimitPolicy;
      const budgetMs = options.budgetMs ?? 500;
      const client = yield* Effect.acquireRelease(
        Effect.sync(() => connect(options.target, budgetMs)),
        (c) => Effect.promise(() => c.quit().catch(() => c.disconnect())),
      );
      return makeFlexibleRateLimiter({
        policy,
        storeBudgetMs: budgetMs,
        ...(options.onFallback ? { onFallback: options.onFallback } : {}),
        store: (limiterOptions) =>
          new RateLimiterRedis({
            ...limiterOptions,
            keyPrefix: `${options.keyPrefix ?? ""}${limiterOptions.keyPrefix}`,
            storeClient: client,
          }),
      });
    }),
  );
