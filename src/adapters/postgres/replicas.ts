import { Duration, Effect } from "effect";
import type pg from "pg";

/** What a read may use: a healthy replica in turn, or the primary's read pool when none is. */
export interface ReadRouting {
  readonly pick: () => pg.Pool;
  /** A read failed on this replica: leave it out until its next successful health check. */
  readonly reportFailure: (pool: pg.Pool) => void;
  readonly setHealthy: (pool: pg.Pool, healthy: boolean) => void;
  readonly healthy: () => readonly pg.Pool[];
}

export interface ReplicaHealth {
  readonly maxLagMs: number;
  readonly checkTimeoutMs: number;
}

/** Round-robin over the replicas whose last check passed. */
export const makeReadRouting = (primaryReads: pg.Pool, replicas: readonly pg.Pool[]): ReadRouting => {
  const healthy = new Set(replicas);
  let next = 0;
  return {
    pick: () => {
      for (let i = 0; i < replicas.length; i++) {
        const candidate = replicas[(next + i) % replicas.length] as pg.Pool;
        if (healthy.has(candidate)) {
          next = (next + i + 1) % replicas.length;
          return candidate;
        }
      }
      return primaryReads;
    },
    reportFailure: (pool) => {
      healthy.delete(pool);
    },
    setHealthy: (pool, ok) => {
      if (ok) healthy.add(pool);
      else healthy.delete(pool);
    },
    healthy: () => replicas.filter((r) => healthy.has(r)),
  };
};

/**
 * How far a replica's replay is behind, in ms: 0 when it has replayed all it received (an idle primary
 * sends nothing, so an old replay timestamp alone is no lag), else the age of the last replayed commit.
 */
const LAG_SQL = `SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
    ELSE COALESCE(EXTRACT(EPOCH FROM (clock_timestamp() - pg_last_xact_replay_timestamp())) * 1000, 'Infinity'::float8)
  END::float8 AS lag_ms`;

/** Fails when the replica does not answer within the budget (a stopped or hanging server). */
export const replicaLagMs = (replica: pg.Pool, timeoutMs: number) =>
  Effect.tryPromise(() => replica.query<{ lag_ms: number }>(LAG_SQL)).pipe(
    Effect.map((r) => Number(r.rows[0]?.lag_ms ?? Number.POSITIVE_INFINITY)),
    Effect.timeout(Duration.millis(timeoutMs)),
  );
