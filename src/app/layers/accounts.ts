import { Layer } from "effect";
import { InMemoryRateLimiter } from "../../adapters/in-memory/InMemoryRateLimiter.js";
import { AccountPolicy } from "../../application/ports/AccountPolicy.js";
import type { RateLimiter } from "../../application/ports/RateLimiter.js";
import { RateLimitPolicy, type RateLimitPolicyShape } from "../../application/ports/RateLimitPolicy.js";
import type { Config } from "../config.js";

/** The session lifetimes of the configuration. */
export const accountPolicyLayer = (config: Config) =>
  Layer.succeed(AccountPolicy, {
    sessions: {
      absoluteMs: config.SESSION_LIFETIME_HOURS * 3_600_000,
      idleMs: config.SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
      touchEveryMs: 60_000,
    },
  });

export const rateLimitPolicyOf = (config: Config): RateLimitPolicyShape => ({
  enabled: config.RATE_LIMITS === "on",
  budgets: {
    loginPerAccount: config.RATE_LIMIT_LOGIN_PER_ACCOUNT,
    loginPerAddress: config.RATE_LIMIT_LOGIN_PER_ADDRESS,
    registerPerAccount: config.RATE_LIMIT_REGISTER_PER_ACCOUNT,
    registerPerAddress: config.RATE_LIMIT_REGISTER_PER_ADDRESS,
  },
});

/** The budgets, for the rate limiter a store layer builds (PostgreSQL's, in src/adapters/postgres). */
export const rateLimitPolicyLayer = (config: Config) => Layer.succeed(RateLimitPolicy, rateLimitPolicyOf(config));

/**
 * RATE_LIMIT_STORE=memory replaces the store's shared counters with this process's own (one process only).
 * The seam for Redis: with REDIS_URL, a layer built by makeFlexibleRateLimiter with RateLimiterRedis as the
 * store (and the in-process limiter as its insurance) goes here, over the PostgreSQL one.
 */
export const rateLimiterOverride = (config: Config): Layer.Layer<RateLimiter> | null =>
  config.RATE_LIMIT_STORE === "memory" ? InMemoryRateLimiter.pipe(Layer.provide(rateLimitPolicyLayer(config))) : null;
