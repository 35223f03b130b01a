import { Cause, Effect } from "effect";
import type { EngineGuardOptions, GuardReporter } from "../adapters/search-engine/FallbackSearchIndex.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";

export const searchGuardOptions = (config: Config): EngineGuardOptions => ({
  budget: config.SEARCH_ENGINE_TIMEOUT_MS,
  failureThreshold: config.SEARCH_BREAKER_FAILURES,
  coolDown: config.SEARCH_BREAKER_COOLDOWN_MS,
});

/**
 * Every answer PostgreSQL gives in the engine's place is counted. A failed or late engine call is
 * logged as a warning; calls not even tried while the breaker is open only at debug level, as the
 * breaker's own line already says so once (an outage must not flood the log).
 */
export const searchGuardReporter = (logger: Logger, metrics: Metrics, config: Config): GuardReporter => ({
  degraded: (operation, reason, cause) =>
    Effect.sync(() => {
      metrics.searchFallbacks.inc({ operation, reason });
      const fields = { operation, reason, cause: Cause.pretty(cause).split("\n")[0] };
      if (reason === "circuit_open") logger.debug(fields, "search engine circuit open: answered from PostgreSQL");
      else logger.warn(fields, "search engine unavailable: answered from PostgreSQL");
    }),
  breaker: (to, from) =>
    Effect.sync(() => {
      metrics.searchBreakerTransitions.inc({ to });
      metrics.searchBreakerOpen.set(to === "closed" ? 0 : 1);
      if (to === "open")
        logger.warn(
          { from, coolDownMs: config.SEARCH_BREAKER_COOLDOWN_MS, failures: config.SEARCH_BREAKER_FAILURES },
          "search engine circuit breaker opened: PostgreSQL answers until a probe succeeds",
        );
      else if (to === "closed") logger.info({ from }, "search engine circuit breaker closed: the engine answers again");
      else logger.debug({ from }, "search engine circuit breaker half-open: probing the engine");
    }),
});
