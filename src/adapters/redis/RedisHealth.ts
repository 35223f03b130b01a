import { Effect, Layer } from "effect";
import { HealthChecks } from "../../application/ports/HealthCheck.js";
import { KeyValue } from "./KeyValue.js";

/**
 * Adds Redis to the health checks already in context: not essential (sessions fall back to PostgreSQL, views
 * to the process, caches to their loaders), so Redis down makes /readyz "degraded", never 503. The ping goes
 * through the client's budget and breaker: an open breaker reads as down at once.
 */
export const withRedisCheck = Layer.effect(
  HealthChecks,
  Effect.gen(function* () {
    const { checks } = yield* HealthChecks;
    const kv = yield* KeyValue;
    return { checks: [...checks, { name: "redis", essential: false, ping: kv.ping }] };
  }),
);
