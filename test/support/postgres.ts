import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Layer, ManagedRuntime } from "effect";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/adapters/postgres/EmbeddedPostgres.js";
import { postgresAdapters, postgresPersistence } from "../../src/adapters/postgres/index.js";
import { migrate } from "../../src/adapters/postgres/migrate.js";
import { type PgConfig, PgDatabaseLive } from "../../src/adapters/postgres/PgDatabase.js";
import type { KeyValue } from "../../src/adapters/redis/KeyValue.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { inMemoryMedia, inMemoryWebhooks, noEngineAdmin, privacyPolicyLayer, withViewCounter } from "../../src/app/layers/index.js";
import type { HarnessFactory } from "../contract/harness.js";
import { postingLimitsOff, TestPasswordHasher } from "./testLayer.js";

/** The machine's PostgreSQL 15 (trust auth); override with TEST_DATABASE_ADMIN_URL. */
export const MACHINE_ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDatabase {
  readonly url: string;
  readonly drop: () => Promise<void>;
}

/** A new, migrated database on the machine's server, dropped afterwards. */
export const machineDatabase = async (): Promise<TestDatabase> => {
  const name = `dongne_t_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: MACHINE_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  await admin.end();
  const url = new URL(MACHINE_ADMIN_URL);
  url.pathname = `/${name}`;
  await migrate(url.toString(), loadJejuRegions());
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: MACHINE_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
};

/** The project's embedded PostgreSQL in a temporary DATA_DIR, migrated, removed afterwards. */
export const embeddedDatabase = async (): Promise<TestDatabase> => {
  const dir = mkdtempSync(join(tmpdir(), "dongne-pg-"));
  // The server may run as the "postgres" user: it must be able to reach the directory.
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(dir);
  await migrate(db.url, loadJejuRegions());
  return {
    url: db.url,
    drop: async () => {
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export const TARGETS = { embedded: embeddedDatabase, machine: machineDatabase } as const;

const DATA_TABLES =
  "webhook_deliveries, webhooks, escalation_notices, moderation_audit, moderation_reviews, moderation_flags, post_revisions, media_uploads, idempotency_keys, rate_limits, event_deliveries, domain_events, sessions, hashtag_uses, hashtags, notifications, user_badges, point_transactions, answer_likes, question_likes, answers, questions, users";

export const truncateAll = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  // The ledger refuses TRUNCATE by trigger; a test reset (as the owner) switches ordinary triggers off for its session.
  await c.query("SET session_replication_role = replica");
  await c.query(`TRUNCATE ${DATA_TABLES} RESTART IDENTITY CASCADE`);
  // The job queue's jobs (graphile-worker's schema), when it is installed.
  await c.query(`DO $$ BEGIN
      IF to_regclass('graphile_worker._private_jobs') IS NOT NULL THEN
        TRUNCATE graphile_worker._private_jobs, graphile_worker._private_job_queues;
      END IF;
    END $$`);
  await c.end();
};

/** The PostgreSQL store completed as the composition root completes a store: the view counter over it. */
export const pgPersistence = (config: Parameters<typeof postgresPersistence>[0], keyValue?: Layer.Layer<KeyValue>) =>
  withViewCounter(postgresPersistence(config), keyValue);

/** The persistence ports with the PgDatabase they share exposed, for tests that look at its pools or replica health. */
export const pgPersistenceWithDatabase = (config: PgConfig) =>
  withViewCounter(postgresAdapters.pipe(Layer.provideMerge(PgDatabaseLive(config))));

/** The whole application on PostgreSQL (fast test hashing, no engine), for use-case and concurrency tests. */
export const pgAppLayer = (url: string, poolSize = 10) =>
  Layer.mergeAll(
    pgPersistence({ url, poolSize }),
    noEngineAdmin,
    SystemClock,
    RandomIds,
    TestPasswordHasher,
    inMemoryMedia(),
    postingLimitsOff,
    privacyPolicyLayer(),
    inMemoryWebhooks(),
  );

/** Contract harnesses over one database: every test starts from empty data tables (regions stay). */
export const pgHarnessFactory = (
  db: () => TestDatabase,
  options: { readonly searchOutbox?: boolean; readonly keyValue?: () => Layer.Layer<KeyValue> } = {},
): HarnessFactory => {
  return async () => {
    const { url } = db();
    await truncateAll(url);
    const rt = ManagedRuntime.make(pgPersistence({ url, poolSize: 4, searchOutbox: options.searchOutbox ?? false }, options.keyValue?.()));
    return { run: (e) => rt.runPromise(e), exit: (e) => rt.runPromiseExit(e), dispose: () => rt.dispose() };
  };
};
