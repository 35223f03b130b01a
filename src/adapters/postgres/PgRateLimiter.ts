import { Effect, Layer } from "effect";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import type { LimitName } from "../../application/ports/RateLimiter.js";
import { RateLimiter } from "../../application/ports/RateLimiter.js";
import { RateLimitPolicy } from "../../application/ports/RateLimitPolicy.js";
import { makeFlexibleRateLimiter } from "../rate-limiter/flexibleRateLimiter.js";
import { PgDatabase } from "./PgDatabase.js";

/**
 * Counters in PostgreSQL (rate-limiter-flexible's RateLimiterPostgres on the `rate_limits` table of the
 * migrations), shared by every service process; the in-process counters answer when the database fails
 * or takes longer than the budget.
 */
export const PgRateLimiter = (options: { readonly onFallback?: (limit: LimitName, reason: string) => void } = {}) =>
  Layer.effect(
    RateLimiter,
    Effect.gen(function* () {
      const db = yield* PgDatabase;
      const policy = yield* RateLimitPolicy;
      return makeFlexibleRateLimiter({
        policy,
        ...(options.onFallback ? { onFallback: options.onFallback } : {}),
        store: (limiterOptions) =>
          new RateLimiterPostgres({
            ...limiterOptions,
            storeClient: db.primary,
            storeType: "pool",
            tableName: "rate_limits",
            tableCreated: true,
            // Expired rows are deleted by the limiter itself (every 5 minutes, rows an hour past expiry).
            clearExpiredByTimeout: true,
          }),
      });
    }),
  );
