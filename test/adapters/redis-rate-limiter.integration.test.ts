import { Layer } from "effect";
import { RedisRateLimiter } from "../../src/adapters/redis/RedisRateLimiter.js";
import { RateLimitPolicy } from "../../src/application/ports/RateLimitPolicy.js";
import { rateLimiterContract } from "../contract/RateLimiter.contract.js";
import { MACHINE_REDIS, runPrefix } from "../support/redis.js";

rateLimiterContract("Redis (RateLimiterRedis, machine)", (policy) =>
  RedisRateLimiter({ target: { _tag: "node", url: MACHINE_REDIS }, keyPrefix: runPrefix(), budgetMs: 500 }).pipe(
    Layer.provide(Layer.succeed(RateLimitPolicy, policy)),
  ),
);
