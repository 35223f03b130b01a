import { Layer } from "effect";
import { InProcessKeyValue } from "../../adapters/redis/InProcessKeyValue.js";
import type { KeyValue } from "../../adapters/redis/KeyValue.js";
import { withRedisCheck } from "../../adapters/redis/RedisHealth.js";
import { RedisKeyValueLive, type RedisTarget } from "../../adapters/redis/RedisKeyValue.js";
import type { HealthChecks } from "../../application/ports/HealthCheck.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import { redisGuardOptions, redisReporter } from "../redisGuard.js";

/** Which Redis the configuration names: one node (REDIS_URL), a cluster (REDIS_CLUSTER_NODES), or none. */
export const redisTarget = (config: Config): RedisTarget | undefined => {
  if (config.REDIS_URL) return { _tag: "node", url: config.REDIS_URL };
  if (config.REDIS_CLUSTER_NODES.length === 0) return undefined;
  return {
    _tag: "cluster",
    nodes: config.REDIS_CLUSTER_NODES.map((n) => {
      const i = n.lastIndexOf(":");
      return { host: n.slice(0, i), port: Number(n.slice(i + 1)) };
    }),
  };
};

/**
 * The one Redis client of the process (counters, sessions cache; later rate limits and pub/sub), behind
 * its time budget and breaker, logged and counted when degraded; with no Redis configured, the in-process
 * twin, so `npm start` needs no server.
 */
export const keyValueLayer = (config: Config, logger: Logger, metrics: Metrics): Layer.Layer<KeyValue> => {
  const target = redisTarget(config);
  return target ? RedisKeyValueLive(target, redisGuardOptions(config), redisReporter(logger, metrics, config)) : InProcessKeyValue;
};

/** Readiness: Redis too, when one is configured (degraded, not unavailable, when it is down). */
export const withRedisHealth = <A, E, R>(config: Config, base: Layer.Layer<A | HealthChecks | KeyValue, E, R>) =>
  redisTarget(config) ? Layer.merge(base, withRedisCheck.pipe(Layer.provide(base))) : base;
