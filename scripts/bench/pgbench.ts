/**
 * pgbench's TPC-B-like workload on its own database of the benchmark's server: what this server
 * and machine commit per second with no application in the way, the yardstick for ask and accept.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { BenchDatabase } from "./harness.js";

const run = promisify(execFile);
const PGBENCH = process.env.BENCH_PGBENCH ?? "/usr/bin/pgbench";
const DATABASE = "bench_pgbench";

export interface PgbenchResult {
  readonly tps: number;
  readonly latencyMs: number;
  readonly failed: number;
}

/** Creates and fills the pgbench database (`pgbench -i`); returns a runner of the timed workload. */
export const preparePgbench = async (db: BenchDatabase, scale: number) => {
  await db.client.query(`CREATE DATABASE ${DATABASE}`);
  const { host, port, user, password } = db.server;
  // Over TCP with the embedded server's own user: its pg_hba allows only password logins.
  const connection = ["-h", host, "-p", String(port), "-U", user];
  const env = { ...process.env, PGPASSWORD: password };
  await run(PGBENCH, ["-i", "-q", "-s", String(scale), ...connection, DATABASE], { env });
  return {
    describe: (clients: number, threads: number, seconds: number) =>
      `pgbench -s ${scale} -c ${clients} -j ${threads} -T ${seconds} (TPC-B-like, database ${DATABASE} on the same server)`,
    run: async (clients: number, threads: number, seconds: number): Promise<PgbenchResult> => {
      const { stdout } = await run(
        PGBENCH,
        ["-c", String(clients), "-j", String(threads), "-T", String(seconds), ...connection, DATABASE],
        { env, timeout: (seconds + 60) * 1000 },
      );
      const number = (pattern: RegExp) => Number(stdout.match(pattern)?.[1] ?? Number.NaN);
      return {
        tps: number(/tps = ([\d.]+)/),
        latencyMs: number(/latency average = ([\d.]+) ms/),
        failed: number(/number of failed transactions: (\d+)/) || 0,
      };
    },
  };
};
