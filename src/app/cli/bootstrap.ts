import "../runtimeGuard.js";
import { resolve } from "node:path";
import { Effect, Layer } from "effect";
import {
  type EmbeddedDatabase,
  EmbeddedPostgresProblem,
  runningEmbeddedPostgres,
  startEmbeddedPostgres,
} from "../../adapters/postgres/EmbeddedPostgres.js";
import { BackgroundWork } from "../../application/ports/ReadConsistency.js";
import { type Config, ConfigError } from "../config.js";
import { persistenceLayer } from "../layers.js";
import type { Logger } from "../logger.js";

/**
 * The database a command-line tool works on: DATABASE_URL; else the embedded server a running
 * service holds under DATA_DIR (one server, which local tools share); else one started for the
 * tool alone and stopped after it.
 */
export const openToolDatabase = async (config: Config, log: (msg: string) => void = () => {}): Promise<EmbeddedDatabase> => {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => {} };
  const dataDir = resolve(config.DATA_DIR);
  return (await runningEmbeddedPostgres(dataDir)) ?? (await startEmbeddedPostgres(dataDir, log));
};

/** Every persistence port, as `persistenceLayer`, on the tool's database (see openToolDatabase). */
export const toolPersistenceLayer = (config: Config, logger: Logger) =>
  Layer.unwrap(
    Effect.gen(function* () {
      const db = yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: () => openToolDatabase(config, (msg) => logger.warn(msg)),
          catch: (e) => (e instanceof Error ? e : new Error(String(e))),
        }),
        (db) => Effect.promise(() => db.stop()),
      );
      // Tools read the primary (a reindex from a lagging replica would index the past) on the background pool.
      return Layer.merge(persistenceLayer({ ...config, DATABASE_URL: db.url }, logger), Layer.succeed(BackgroundWork, true));
    }),
  );

/** Socket and PostgreSQL codes that mean "the database is not there or not ours", not a bug. */
const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ECONNRESET",
  "28P01",
  "28000",
  "3D000",
]);

/** The one line an operator gets for an expected failure, or undefined for a bug (which keeps its stack). */
export const expectedFailure = (e: unknown): string | undefined => {
  if (e instanceof ConfigError || e instanceof EmbeddedPostgresProblem) return e.message;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && UNREACHABLE.has(code)) {
    const detail = e instanceof AggregateError ? e.errors.map((x: Error) => x.message).join("; ") : (e as Error).message;
    return `The database cannot be used (${code}${detail ? `: ${detail}` : ""}). Check DATABASE_URL, or unset it to use the embedded database under DATA_DIR.`;
  }
  return undefined;
};

/** Runs a tool: an expected failure prints its one line and exits 1; anything else is a bug and keeps its stack. */
export const runTool = (main: () => Promise<void>) =>
  main().catch((e: unknown) => {
    const line = expectedFailure(e);
    console.error(line ?? e);
    process.exit(1);
  });
