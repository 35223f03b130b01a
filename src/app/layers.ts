import { Effect, Layer, ManagedRuntime } from "effect";
import { Argon2PasswordHasher } from "../adapters/crypto/Argon2PasswordHasher.js";
import { startEmbeddedPostgres } from "../adapters/postgres/EmbeddedPostgres.js";
import { postgresPersistence } from "../adapters/postgres/index.js";
import { migrate } from "../adapters/postgres/migrate.js";
import { loadJejuRegions } from "../adapters/region-data/jejuRegions.js";
import { withFallbackTo } from "../adapters/search-engine/FallbackSearchIndex.js";
import { OsClientLive } from "../adapters/search-engine/OsClient.js";
import { withSearchEngineCheck } from "../adapters/search-engine/OsHealth.js";
import { OsSearchDocuments } from "../adapters/search-engine/OsSearchDocuments.js";
import { OsSearchIndex } from "../adapters/search-engine/OsSearchIndex.js";
import { RandomIds } from "../adapters/system/RandomIds.js";
import { SystemClock } from "../adapters/system/SystemClock.js";
import type { QuestionRepository } from "../application/ports/QuestionRepository.js";
import { SearchDocuments } from "../application/ports/SearchDocuments.js";
import { SearchIndex } from "../application/ports/SearchIndex.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";
import type { Metrics } from "./metrics.js";
import { searchGuardOptions, searchGuardReporter } from "./searchGuard.js";

/** The database to use: the configured one, or an embedded server under DATA_DIR, stopped with the app. */
export const databaseUrl = (config: Config, logger: Logger) =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: async () => {
        if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => {} };
        const db = await startEmbeddedPostgres(config.DATA_DIR, (msg) => logger.warn(msg));
        return { ...db, embedded: true };
      },
      catch: (e) => (e instanceof Error ? e : new Error(String(e))),
    }),
    (db) => Effect.promise(() => db.stop()),
  );

/** Every persistence port on PostgreSQL; migrations run before anything is served. */
export const persistenceLayer = (config: Config, logger: Logger) =>
  Layer.unwrap(
    Effect.gen(function* () {
      const db = yield* databaseUrl(config, logger);
      const applied = yield* Effect.tryPromise({
        try: () => migrate(db.url, loadJejuRegions(), (msg) => logger.debug(msg)),
        catch: (e) => (e instanceof Error ? e : new Error(String(e))),
      });
      logger.info({ embedded: db.embedded, replicas: config.DATABASE_REPLICA_URLS.length, migrationsApplied: applied }, "database ready");
      return postgresPersistence({
        url: db.url,
        replicaUrls: config.DATABASE_REPLICA_URLS,
        poolSize: config.DATABASE_POOL_SIZE,
        backgroundPoolSize: config.DATABASE_BACKGROUND_POOL_SIZE,
        timeouts: {
          statementMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
          lockMs: config.DATABASE_LOCK_TIMEOUT_MS,
          acquireMs: config.DATABASE_ACQUIRE_TIMEOUT_MS,
        },
        replicaMaxLagMs: config.DATABASE_REPLICA_MAX_LAG_MS,
        replicaCheckMs: config.DATABASE_REPLICA_CHECK_MS,
        searchOutbox: config.SEARCH_ENGINE_URL !== undefined,
      });
    }),
  );

const noEngine = Layer.merge(
  Layer.succeed(SearchDocuments, {
    upsert: () => Effect.fail({ _tag: "SearchUnavailable" as const, reason: "no search engine configured" }),
    remove: () => Effect.fail({ _tag: "SearchUnavailable" as const, reason: "no search engine configured" }),
  }),
  // PostgreSQL's search index, passed through unchanged.
  Layer.effect(
    SearchIndex,
    Effect.gen(function* () {
      return yield* SearchIndex;
    }),
  ),
);

/**
 * Search: PostgreSQL alone by default; with SEARCH_ENGINE_URL the engine answers within a time budget,
 * behind a circuit breaker, PostgreSQL stands in whenever it does not (logged and counted), and the
 * outbox feeds it.
 */
export const searchLayers = (
  config: Config,
  logger: Logger,
  metrics: Metrics,
): Layer.Layer<SearchIndex | SearchDocuments, never, SearchIndex | QuestionRepository> => {
  if (!config.SEARCH_ENGINE_URL) return noEngine;
  const client = OsClientLive({ url: config.SEARCH_ENGINE_URL, alias: config.SEARCH_INDEX_ALIAS });
  return Layer.merge(
    withFallbackTo(OsSearchIndex.pipe(Layer.provide(client)), searchGuardReporter(logger, metrics, config), searchGuardOptions(config)),
    OsSearchDocuments.pipe(Layer.provide(client)),
  );
};

/** Readiness checks: the database's (from persistence), plus the engine's when one is configured. */
const engineHealth = (config: Config) =>
  config.SEARCH_ENGINE_URL ? withSearchEngineCheck({ url: config.SEARCH_ENGINE_URL, alias: config.SEARCH_INDEX_ALIAS }) : Layer.empty;

/** The composition root: which adapter serves each port. */
export const appLayer = (config: Config, logger: Logger, metrics: Metrics) => {
  const persistence = persistenceLayer(config, logger);
  return Layer.mergeAll(
    Layer.merge(persistence, searchLayers(config, logger, metrics).pipe(Layer.merge(engineHealth(config)), Layer.provide(persistence))),
    SystemClock,
    RandomIds,
    Argon2PasswordHasher,
  );
};

export type AppServices = Layer.Success<ReturnType<typeof appLayer>>;
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, unknown>;

export const makeRuntime = (config: Config, logger: Logger, metrics: Metrics): AppRuntime =>
  ManagedRuntime.make(appLayer(config, logger, metrics));
