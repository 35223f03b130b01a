import { Effect, Layer, ManagedRuntime } from "effect";
import { Argon2PasswordHasher } from "../adapters/crypto/Argon2PasswordHasher.js";
import { startEmbeddedPostgres } from "../adapters/postgres/EmbeddedPostgres.js";
import { postgresPersistence } from "../adapters/postgres/index.js";
import { migrate } from "../adapters/postgres/migrate.js";
import { loadJejuRegions } from "../adapters/region-data/jejuRegions.js";
import { RandomIds } from "../adapters/system/RandomIds.js";
import { SystemClock } from "../adapters/system/SystemClock.js";
import type { Config } from "./config.js";
import type { Logger } from "./logger.js";

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
      return postgresPersistence({ url: db.url, replicaUrls: config.DATABASE_REPLICA_URLS, poolSize: config.DATABASE_POOL_SIZE });
    }),
  );

/** The composition root: which adapter serves each port. */
export const appLayer = (config: Config, logger: Logger) =>
  Layer.mergeAll(persistenceLayer(config, logger), SystemClock, RandomIds, Argon2PasswordHasher);

export type AppServices = Layer.Success<ReturnType<typeof appLayer>>;
export type AppRuntime = ManagedRuntime.ManagedRuntime<AppServices, unknown>;

export const makeRuntime = (config: Config, logger: Logger): AppRuntime => ManagedRuntime.make(appLayer(config, logger));
