import { execFileSync } from "node:child_process";
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort, postgresUserIds } from "./processes.js";

/** Debian's PostgreSQL 15 server tools, on every machine of this kind. */
const BIN = process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";

export interface OwnPostgres {
  /** The `dongne` database on this server (trust auth, loopback only). */
  readonly url: string;
  readonly port: number;
  /** The postmaster's pid, while it runs. */
  readonly pid: () => number;
  readonly start: () => void;
  /** Immediate shutdown, as when the server crashes or its host goes away. */
  readonly stop: () => void;
  readonly remove: () => void;
}

/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl on a free port, socket in its own
 * directory), so a test can stop, restart or freeze the database under a running service.
 */
export const startOwnPostgres = async (): Promise<OwnPostgres> => {
  const dir = mkdtempSync(join(tmpdir(), "dongne-ownpg-"));
  const pgdata = join(dir, "data");
  mkdirSync(pgdata, { mode: 0o700 });
  const ids = postgresUserIds();
  if (ids.uid !== undefined) {
    chownSync(dir, ids.uid, ids.gid as number);
    chownSync(pgdata, ids.uid, ids.gid as number);
  }
  const run = (tool: string, args: string[]) => execFileSync(join(BIN, tool), args, { ...ids, stdio: "pipe" });
  run("initdb", ["-D", pgdata, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`;
  const start = () => {
    run("pg_ctl", ["-D", pgdata, "-o", options, "-l", join(dir, "server.log"), "-w", "start"]);
  };
  const stop = () => {
    run("pg_ctl", ["-D", pgdata, "-m", "immediate", "-w", "stop"]);
  };
  start();
  const admin = new pg.Client({ host: "127.0.0.1", port, user: "postgres", database: "postgres" });
  await admin.connect();
  await admin.query("CREATE DATABASE dongne");
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/dongne`,
    port,
    pid: () => Number.parseInt(readFileSync(join(pgdata, "postmaster.pid"), "utf8").split("\n")[0] ?? "", 10),
    start,
    stop,
    remove: () => {
      try {
        stop();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
