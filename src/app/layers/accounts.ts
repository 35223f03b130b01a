import { Layer } from "effect";
import { InMemoryRateLimiter } from "../../adapters/in-memory/InMemoryRateLimiter.js";
import { RedisRateLimiter } from "../../adapters/redis/RedisRateLimiter.js";
import { AccountPolicy } from "../../application/ports/AccountPolicy.js";
import { PostingPolicy } from "../../application/ports/PostingPolicy.js";
import type { RateLimiter } from "../../application/ports/RateLimiter.js";
import { RateLimitPolicy, type RateLimitPolicyShape } from "../../application/ports/RateLimitPolicy.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { redisTarget } from "./redis.js";

/** The session lifetimes of the configuration. */
export const accountPolicyLayer = (config: Config) =>
  Layer.succeed(AccountPolicy, {
    sessions: {
      absoluteMs: config.SESSION_LIFETIME_HOURS * 3_600_000,
      idleMs: config.SESSION_IDLE_TIMEOUT_MINUTES * 60_000,
      touchEveryMs: 60_000,
    },
  });

/** The new-user rules and the flag threshold of the configuration. */
export const postingPolicyLayer = (config: Config) =>
  Layer.succeed(PostingPolicy, {
    enabled: config.POSTING_LIMITS === "on",
    newUserMs: config.NEW_USER_HOURS * 3_600_000,
    newUserMaxLinks: config.NEW_USER_MAX_LINKS,
    flagThreshold: config.MODERATION_FLAG_THRESHOLD,
  });

export const rateLimitPolicyOf = (config: Config): RateLimitPolicyShape => ({
  enabled: config.RATE_LIMITS === "on",
  budgets: {
    loginPerAccount: config.RATE_LIMIT_LOGIN_PER_ACCOUNT,
    loginPerAddress: config.RATE_LIMIT_LOGIN_PER_ADDRESS,
    registerPerAccount: config.RATE_LIMIT_REGISTER_PER_ACCOUNT,
    registerPerAddress: config.RATE_LIMIT_REGISTER_PER_ADDRESS,
    newUserQuestions: config.RATE_LIMIT_NEW_USER_QUESTIONS,
    newUserAnswers: config.RATE_LIMIT_NEW_USER_ANSWERS,
    repost: config.RATE_LIMIT_REPOST,
  },
});

/** The budgets, for the rate limiter a store layer builds (PostgreSQL's, in src/adapters/postgres). */
export const rateLimitPolicyLayer = (config: Config) => Layer.succeed(RateLimitPolicy, rateLimitPolicyOf(config));

/**
 * RATE_LIMIT_STORE=memory replaces the store's shared counters with this process's own (one process only).
 * With REDIS_URL or REDIS_CLUSTER_NODES, Redis's counters (RedisRateLimiter) replace the PostgreSQL ones.
 */
export const rateLimiterOverride = (config: Config, logger?: Logger): Layer.Layer<RateLimiter> | null => {
  if (config.RATE_LIMIT_STORE === "memory") return InMemoryRateLimiter.pipe(Layer.provide(rateLimitPolicyLayer(config)));
  // With Redis configured, its counters replace PostgreSQL's (the in-process ones answer when it fails or is late).
  const target = redisTarget(config);
  if (!target) return null;
  return RedisRateLimiter({
    target,
    keyPrefix: config.REDIS_KEY_PREFIX,
    budgetMs: config.REDIS_TIMEOUT_MS,
    ...(logger
      ? { onFallback: (limit, reason) => logger.warn({ limit, reason }, "rate limit: in-process counters answered for Redis") }
      : {}),
  }).pipe(Layer.provide(rateLimitPolicyLayer(config)));
};
