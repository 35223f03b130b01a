/**
 * Loaded into the benchmarked service with `node --import` (the service itself knows nothing of it):
 * counts the statements the service sends to PostgreSQL and samples its pg pools every 100 ms,
 * one `bench-probe {json}` line on stderr per sample, so a benchmark sees round trips and pool
 * queues from outside. SIGUSR2 toggles a `bench-sql {json}` line per statement (its text), and
 * acknowledges with a `bench-trace {json}` line. With BENCH_CPU_PROF=<dir>, SIGUSR2 instead starts a V8 CPU
 * profile and, the next time, writes it to that folder (the acknowledgement names the file).
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import pg from "pg";

const pools = new Set<pg.Pool>();
let statements = 0;
let traceSql = false;

type Method = (...args: unknown[]) => unknown;

// pg-pool's own query() goes through connect(), so every pool the service uses is seen here.
const poolPrototype = pg.Pool.prototype as unknown as { connect: Method };
const connect = poolPrototype.connect;
poolPrototype.connect = function (this: pg.Pool, ...args: unknown[]) {
  pools.add(this);
  return connect.apply(this, args);
};

const clientPrototype = pg.Client.prototype as unknown as { query: Method };
const query = clientPrototype.query;
clientPrototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  if (traceSql) {
    const first = args[0] as string | { text?: string };
    const text = typeof first === "string" ? first : (first?.text ?? "");
    process.stderr.write(`bench-sql ${JSON.stringify({ t: Date.now(), text: text.replace(/\s+/g, " ").trim() })}\n`);
  }
  return query.apply(this, args);
};

const profileDir = process.env.BENCH_CPU_PROF;
let profiler: Session | undefined;
let profiles = 0;
const toggleProfile = async () => {
  if (!profiler) {
    profiler = new Session();
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
    return { on: true };
  }
  const { profile } = await profiler.post("Profiler.stop");
  profiler.disconnect();
  profiler = undefined;
  const file = join(profileDir ?? ".", `profile-${process.pid}-${++profiles}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  return { on: false, profile: file };
};

process.on("SIGUSR2", () => {
  if (profileDir) {
    void toggleProfile().then((ack) => process.stderr.write(`bench-trace ${JSON.stringify(ack)}\n`));
    return;
  }
  traceSql = !traceSql;
  process.stderr.write(`bench-trace ${JSON.stringify({ on: traceSql })}\n`);
});

setInterval(() => {
  const sample = {
    t: Date.now(),
    statements,
    pools: [...pools].map((p) => ({
      name: (p as unknown as { options?: { application_name?: string } }).options?.application_name,
      total: p.totalCount,
      idle: p.idleCount,
      waiting: p.waitingCount,
    })),
  };
  process.stderr.write(`bench-probe ${JSON.stringify(sample)}\n`);
}, 100).unref();
