import { Effect } from "effect";
import type { RedisGuardOptions, RedisReporter } from "../adapters/redis/RedisKeyValue.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";

export const redisGuardOptions = (config: Config): RedisGuardOptions => ({
  budgetMs: config.REDIS_TIMEOUT_MS,
  failureThreshold: config.REDIS_BREAKER_FAILURES,
  coolDownMs: config.REDIS_BREAKER_COOLDOWN_MS,
  keyPrefix: config.REDIS_KEY_PREFIX,
});

/**
 * Every command that fell back is counted; a failed or late one is a warning, one refused by the open
 * breaker only debug (the breaker's own line says so once, and an outage must not flood the log).
 */
export const redisReporter = (logger: Logger, metrics: Metrics, config: Config): RedisReporter => ({
  degraded: (f) =>
    Effect.sync(() => {
      metrics.redisDegraded.inc({ operation: f.operation, reason: f.reason });
      const fields = { operation: f.operation, reason: f.reason, cause: f.message };
      if (f.reason === "circuit_open") logger.debug(fields, "redis circuit open: degraded (PostgreSQL answers, no cache)");
      else logger.warn(fields, "redis unavailable: degraded (PostgreSQL answers, no cache)");
    }),
  breaker: (to, from) =>
    Effect.sync(() => {
      metrics.redisBreakerTransitions.inc({ to });
      metrics.redisBreakerOpen.set(to === "closed" ? 0 : 1);
      if (to === "open")
        logger.warn(
          { from, coolDownMs: config.REDIS_BREAKER_COOLDOWN_MS, failures: config.REDIS_BREAKER_FAILURES },
          "redis circuit breaker opened: PostgreSQL answers until a probe succeeds",
        );
      else if (to === "closed") logger.info({ from }, "redis circuit breaker closed: redis answers again");
      else logger.debug({ from }, "redis circuit breaker half-open: probing redis");
    }),
  connection: (event, detail) => logger.debug({ event, detail }, "redis connection"),
});
