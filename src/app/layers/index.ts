import { Layer, ManagedRuntime } from "effect";
import { VIEW_COUNTER_DEFAULTS } from "../../adapters/redis/BatchedViewCounter.js";
import type { Clock } from "../../application/ports/Clock.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import { tracingLayer } from "../tracing.js";
import { accountPolicyLayer, postingPolicyLayer, rateLimiterOverride, rateLimitPolicyLayer } from "./accounts.js";
import { cryptoLayer } from "./crypto.js";
import { databaseLayer, type OpenDatabase, type PoolsObserver } from "./database.js";
import { mediaLayer, withMediaHealth } from "./media.js";
import { privacyPolicyLayer } from "./privacy.js";
import { keyValueLayer, withRedisHealth } from "./redis.js";
import { searchAdminLayer, searchHealth, searchLayers } from "./search.js";
import { systemLayer } from "./system.js";
import { withViewCounter } from "./viewCounter.js";
import { webhookLayer } from "./webhooks.js";

export { inMemoryMedia } from "./media.js";
export { privacyPolicyLayer } from "./privacy.js";
export { noEngineAdmin, searchLayers } from "./search.js";
export { withViewCounter } from "./viewCounter.js";
export { inMemoryWebhooks } from "./webhooks.js";

/** What a command-line tool changes in the service's composition. */
export interface AppOptions {
  /** How the database is opened (a tool shares the embedded server a running service holds). */
  readonly openDatabase?: OpenDatabase;
  /** A clock other than the system's (the demo seed sets the time of each event). */
  readonly clock?: Layer.Layer<Clock>;
  /** How long one request of the search administration may take (a tool copies whole pages). */
  readonly searchAdminTimeoutMs?: number;
}

/** The store (PostgreSQL, see database.ts) with the view counter over it, on Redis (see redis.ts). */
export const persistenceLayer = (config: Config, logger: Logger, metrics: Metrics, openDatabase?: OpenDatabase, observe?: PoolsObserver) =>
  withViewCounter(
    databaseLayer(config, logger, openDatabase, observe),
    keyValueLayer(config, logger, metrics),
    {
      ...VIEW_COUNTER_DEFAULTS,
      intervalMs: config.VIEW_FLUSH_INTERVAL_MS,
      onFlush: (outcome) => metrics.viewFlushes.inc({ outcome }),
    },
    (reason) => {
      metrics.activityFallbacks.inc({ reason });
      logger.warn({ reason }, "trending: PostgreSQL answered for the activity counters");
    },
  ).pipe(Layer.provide(rateLimitPolicyLayer(config)));

/**
 * The composition root: which adapter serves each port, one capability per file, each switched by its
 * variable — the database by DATABASE_URL (else embedded), search by SEARCH_ENGINE_URL (else PostgreSQL).
 */
export const appLayer = (config: Config, logger: Logger, metrics: Metrics, options: AppOptions = {}) => {
  const store = withRedisHealth(config, persistenceLayer(config, logger, metrics, options.openDatabase, metrics.observeDatabase));
  return Layer.mergeAll(
    withMediaHealth(
      config,
      Layer.merge(store, searchLayers(config, logger, metrics).pipe(Layer.merge(searchHealth(config)), Layer.provide(store))),
    ),
    mediaLayer(config),
    searchAdminLayer(config, options.searchAdminTimeoutMs === undefined ? {} : { requestTimeoutMs: options.searchAdminTimeoutMs }),
    systemLayer(options.clock),
    cryptoLayer(config),
    accountPolicyLayer(config),
    postingPolicyLayer(config),
    privacyPolicyLayer(config),
    webhookLayer(config),
    rateLimiterOverride(config, logger) ?? Layer.empty,
  );
};

export type AppServices = Layer.Success<ReturnType<typeof appLayer>>;
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, unknown>;

export const makeRuntime = (config: Config, logger: Logger, metrics: Metrics, options: AppOptions = {}): AppRuntime =>
  ManagedRuntime.make(appLayer(config, logger, metrics, options).pipe(Layer.merge(tracingLayer(config))));
