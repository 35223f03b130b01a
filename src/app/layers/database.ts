import { Effect, Layer } from "effect";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../../adapters/postgres/EmbeddedPostgres.js";
import { postgresPersistence } from "../../adapters/postgres/index.js";
import { migrate } from "../../adapters/postgres/migrate.js";
import { loadJejuRegions } from "../../adapters/region-data/jejuRegions.js";
import { embeddedArchiving } from "../backup/archiving.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";

/** A database to work on: its URL, whether it is the embedded server, and how to let go of it. */
export interface OpenedDatabase extends EmbeddedDatabase {
  readonly embedded: boolean;
}

export type OpenDatabase = (config: Config, log: (msg: string) => void) => Promise<OpenedDatabase>;

/** The service's database: DATABASE_URL, or an embedded server under DATA_DIR, started here and stopped with the app. */
export const openServiceDatabase: OpenDatabase = async (config, log) => {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => {} };
  return { ...(await startEmbeddedPostgres(config.DATA_DIR, log, await embeddedArchiving(config, log))), embedded: true };
};

const asError = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/**
 * Every store port on PostgreSQL, on the database `open` gives (held as long as the layer is), with
 * the migrations applied before anything is served. Question writes feed the search outbox only when
 * an engine is configured to read it.
 */
/** Where the pools' state goes (the metrics), once they exist. */
export type PoolsObserver = NonNullable<Parameters<typeof postgresPersistence>[0]["observe"]>;

export const databaseLayer = (config: Config, logger: Logger, open: OpenDatabase = openServiceDatabase, observe?: PoolsObserver) =>
  Layer.unwrap(
    Effect.gen(function* () {
      const db = yield* Effect.acquireRelease(
        Effect.tryPromise({ try: () => open(config, (msg) => logger.warn(msg)), catch: asError }),
        (db) => Effect.promise(() => db.stop()),
      );
      const applied = yield* Effect.tryPromise({
        try: () => migrate(db.url, loadJejuRegions(), (msg) => logger.debug(msg)),
        catch: asError,
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
        cacheOutbox: true,
        pushOutbox: true,
        activityOutbox: true,
        onRateLimitFallback: (limit, reason) => logger.warn({ limit, reason }, "rate limit: in-process counters answered for the database"),
        ...(observe ? { observe } : {}),
      });
    }),
  );
