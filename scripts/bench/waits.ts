/**
 * What the service's database sessions are doing during a scenario: pg_stat_activity and pg_locks
 * sampled every 100 ms on a separate connection, and the service's pool queue from its probe
 * samples. Printed as shares of session-samples, so a scenario's bottleneck can be read off.
 */
import type pg from "pg";
import type { ProbeSample } from "./harness.js";

interface ActivityRow {
  state: string;
  wait: string;
  query: string;
  lock: string | null;
  blocker: string | null;
}

const ACTIVITY = `
  SELECT a.state,
         coalesce(a.wait_event_type || ':' || a.wait_event, 'running') AS wait,
         left(regexp_replace(a.query, '\\s+', ' ', 'g'), 60) AS query,
         (SELECT l.locktype || ' ' || l.mode FROM pg_locks l WHERE l.pid = a.pid AND NOT l.granted LIMIT 1) AS lock,
         (SELECT left(regexp_replace(b.query, '\\s+', ' ', 'g'), 60) FROM pg_stat_activity b
           WHERE b.pid = (pg_blocking_pids(a.pid))[1]) AS blocker
  FROM pg_stat_activity a
  WHERE a.datname = current_database() AND a.backend_type = 'client backend'
    AND a.pid <> pg_backend_pid() AND a.state <> 'idle'`;

export interface WaitReport {
  readonly samples: number;
  /** Mean number of non-idle sessions. */
  readonly busy: number;
  /** "state wait" → share of session-samples. */
  readonly states: readonly [string, number][];
  /** "lock: waiting statement ← blocking statement" → share of session-samples. */
  readonly locks: readonly [string, number][];
}

const bump = (m: Map<string, number>, key: string) => m.set(key, (m.get(key) ?? 0) + 1);
const shares = (m: Map<string, number>, total: number, top: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, n]) => [k, n / Math.max(1, total)] as [string, number]);

/** Samples until stopped (at most `maxMs`, so a forgotten sampler ends by itself). */
export const sampleWaits = (client: pg.Client, everyMs = 100, maxMs = 600_000) => {
  const states = new Map<string, number>();
  const locks = new Map<string, number>();
  let samples = 0;
  let sessions = 0;
  let running = true;
  const until = Date.now() + maxMs;
  const loop = (async () => {
    while (running && Date.now() < until) {
      const { rows } = await client.query<ActivityRow>(ACTIVITY);
      samples++;
      sessions += rows.length;
      for (const r of rows) {
        bump(states, `${r.state} ${r.wait}`);
        if (r.lock) bump(locks, `${r.lock}: ${r.query} ← ${r.blocker ?? "?"}`);
      }
      await new Promise((done) => setTimeout(done, everyMs));
    }
  })();
  return {
    stop: async (): Promise<WaitReport> => {
      running = false;
      await loop;
      return { samples, busy: sessions / Math.max(1, samples), states: shares(states, sessions, 6), locks: shares(locks, sessions, 4) };
    },
  };
};

/** The pool queue (callers waiting for a connection) seen by the service's probe between two instants, in all and per pool. */
export const poolQueue = (samples: readonly ProbeSample[], from: number, to: number) => {
  const inWindow = samples.filter((s) => s.t >= from && s.t <= to);
  const waiting = inWindow.map((s) => s.pools.reduce((n, p) => n + p.waiting, 0));
  const inUse = inWindow.map((s) => s.pools.reduce((n, p) => n + p.total - p.idle, 0));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const byPool = new Map<string, number>();
  for (const s of inWindow)
    s.pools.forEach((p, i) => {
      const name = p.name ?? `pool ${i + 1}`;
      byPool.set(name, Math.max(byPool.get(name) ?? 0, p.waiting));
    });
  return { meanWaiting: mean(waiting), maxWaiting: Math.max(0, ...waiting), meanInUse: mean(inUse), maxWaitingByPool: byPool };
};

/**
 * Waits until the service's pools have had nothing checked out and nobody queued for two samples
 * in a row: requests a load generator abandoned at the end of its window still run in the service.
 * Returns how long that took (capped at `maxMs`).
 */
export const settle = async (samples: readonly ProbeSample[], maxMs = 60_000) => {
  const from = Date.now();
  // The job runners' pool holds its LISTEN connections for good: it is never idle, so it is not waited for.
  const quiet = (s: ProbeSample | undefined) =>
    s !== undefined && s.t > from && s.pools.every((p) => p.name === "dongne-jobs" || (p.total === p.idle && p.waiting === 0));
  while (Date.now() - from < maxMs) {
    if (quiet(samples.at(-1)) && quiet(samples.at(-2))) return Date.now() - from;
    await new Promise((done) => setTimeout(done, 50));
  }
  return maxMs;
};

/** "writes 11, reads 0": the longest queue of each pool that had one. */
export const formatQueues = (byPool: ReadonlyMap<string, number>) =>
  [...byPool.entries()]
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name.replace(/^dongne-/, "")} ${n}`)
    .join(", ") || "0";

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

export const formatWaits = (r: WaitReport) =>
  [
    `    sessions busy on average: ${r.busy.toFixed(1)} (${r.samples} samples)`,
    ...r.states.map(([k, x]) => `    ${pct(x).padStart(4)}  ${k}`),
    ...r.locks.map(([k, x]) => `    ${pct(x).padStart(4)}  waiting for ${k}`),
  ].join("\n");
