import { Context, Duration, Effect, Layer, Schedule } from "effect";
import pg from "pg";
import { makeReadRouting, type ReadRouting, type ReplicaHealth, replicaLagMs } from "./replicas.js";

export type { ReadRouting } from "./replicas.js";

/**
 * Separate pools, so one kind of work cannot starve another: request reads, units of work and
 * single writes (`primary`), and background work (workers, admin tools).
 */
export interface PgDatabaseShape {
  /** Units of work and writes on the request path. */
  readonly primary: pg.Pool;
  /** Request reads answered by the primary (no replica, read-your-writes, or every replica out). */
  readonly primaryReads: pg.Pool;
  /** Workers and admin tools: their bursts wait here, not in the request pools. */
  readonly background: pg.Pool;
  /** The job runners (graphile-worker): each holds a LISTEN connection, kept apart from the background pool. */
  readonly jobs: pg.Pool;
  readonly reads: ReadRouting;
}

export class PgDatabase extends Context.Service<PgDatabase, PgDatabaseShape>()("dongne/adapters/PgDatabase") {}

/** The role the service's statements run as: no UPDATE, DELETE or TRUNCATE on the ledger (see the migrations). */
export const SERVICE_ROLE = "dongne_app";

export interface PgTimeouts {
  /** Longest a request-path statement may run (PostgreSQL's statement_timeout). */
  readonly statementMs: number;
  /** Longest a request-path statement may wait for a row lock (lock_timeout); then the unit is retried. */
  readonly lockMs: number;
  /** Longest a request may wait for a pooled connection. */
  readonly acquireMs: number;
}

export const DEFAULT_TIMEOUTS: PgTimeouts = { statementMs: 5_000, lockMs: 1_000, acquireMs: 2_000 };

export interface PgConfig {
  readonly url: string;
  readonly replicaUrls?: readonly string[];
  /** Connections in each request pool (reads, writes; and per replica). */
  readonly poolSize?: number;
  readonly backgroundPoolSize?: number;
  readonly timeouts?: Partial<PgTimeouts>;
  /** A replica further behind than this is left out until it catches up. */
  readonly replicaMaxLagMs?: number;
  /** How often each replica's lag is measured; a replica that does not answer within it is left out. */
  readonly replicaCheckMs?: number;
  /** Run statements as SERVICE_ROLE (default); off only for tools that must act as the owner. */
  readonly serviceRole?: boolean;
  /** Given, once the pools exist, a way to read their state and the replicas' lag (the metrics read it at each scrape). */
  readonly observe?: (snapshot: () => PoolsSnapshot) => void;
}

/** Each pool's connections and queue, and each replica's last measured lag. */
export interface PoolsSnapshot {
  readonly pools: readonly {
    readonly name: string;
    readonly max: number;
    readonly total: number;
    readonly idle: number;
    readonly waiting: number;
  }[];
  readonly replicas: readonly { readonly name: string; readonly lagMs: number | null; readonly healthy: boolean }[];
}

// int8 (counts from count(*)) as numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

const settings = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(" ");

interface PoolSpec {
  readonly name: string;
  readonly max: number;
  readonly acquireMs: number;
  readonly statementMs: number;
  readonly lockMs: number;
  /** Client-side bound on a query, for a server that stops answering without closing the connection. */
  readonly queryMs?: number;
}

const makePool = (url: string, spec: PoolSpec, role: string | undefined) => {
  const pool = new pg.Pool({
    connectionString: url,
    max: spec.max,
    connectionTimeoutMillis: spec.acquireMs,
    idleTimeoutMillis: 30_000,
    application_name: `dongne-${spec.name}`,
    ...(spec.queryMs === undefined ? {} : { query_timeout: spec.queryMs }),
    options: settings({
      ...(role ? { role } : {}),
      statement_timeout: spec.statementMs,
      lock_timeout: spec.lockMs,
      idle_in_transaction_session_timeout: Math.max(10_000, spec.statementMs * 2),
    }),
  });
  // An idle client's error (server restart) must not crash the process; the pool replaces the client.
  pool.on("error", () => {});
  return pool;
};

/** Connections of the job runners: one LISTEN per job type plus the jobs running at once. */
export const JOBS_POOL_SIZE = 12;

export const PgDatabaseLive = (config: PgConfig) =>
  Layer.effect(
    PgDatabase,
    Effect.gen(function* () {
      const t = { ...DEFAULT_TIMEOUTS, ...config.timeouts };
      const size = config.poolSize ?? 10;
      const role = config.serviceRole === false ? undefined : SERVICE_ROLE;
      const checkMs = config.replicaCheckMs ?? 1_000;
      const request = { acquireMs: t.acquireMs, statementMs: t.statementMs, lockMs: t.lockMs };
      const pools = yield* Effect.acquireRelease(
        Effect.sync(() => ({
          primary: makePool(config.url, { name: "writes", max: size, ...request }, role),
          primaryReads: makePool(config.url, { name: "reads", max: size, ...request }, role),
          background: makePool(
            config.url,
            { name: "background", max: config.backgroundPoolSize ?? 3, acquireMs: 10_000, statementMs: 30_000, lockMs: 5_000 },
            role,
          ),
          jobs: makePool(config.url, { name: "jobs", max: JOBS_POOL_SIZE, acquireMs: 10_000, statementMs: 30_000, lockMs: 5_000 }, role),
          replicas: (config.replicaUrls ?? []).map((url, i) =>
            makePool(
              url,
              { name: `replica-${i + 1}`, max: size, ...request, acquireMs: 1_000, queryMs: Math.min(t.statementMs, 2_000) },
              role,
            ),
          ),
        })),
        (p) =>
          Effect.promise(() => Promise.all([p.primary, p.primaryReads, p.background, p.jobs, ...p.replicas].map((x) => x.end()))).pipe(
            Effect.ignore,
          ),
      );
      const health: ReplicaHealth = { maxLagMs: config.replicaMaxLagMs ?? 2_000, checkTimeoutMs: Math.min(checkMs, 1_000) };
      const reads = makeReadRouting(pools.primaryReads, pools.replicas);
      const lags = new Map<pg.Pool, number>();
      const named: [string, pg.Pool][] = [
        ["writes", pools.primary],
        ["reads", pools.primaryReads],
        ["background", pools.background],
        ["jobs", pools.jobs],
        ...pools.replicas.map((r, i): [string, pg.Pool] => [`replica-${i + 1}`, r]),
      ];
      config.observe?.(() => {
        const healthy = new Set(reads.healthy());
        return {
          pools: named.map(([name, p]) => ({ name, max: p.options.max, total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount })),
          replicas: pools.replicas.map((r, i) => ({ name: `replica-${i + 1}`, lagMs: lags.get(r) ?? null, healthy: healthy.has(r) })),
        };
      });
      if (pools.replicas.length > 0) {
        // Each replica's lag is measured on a schedule; a lagging or silent replica takes no reads until it is healthy again.
        const checkAll = Effect.forEach(
          pools.replicas,
          (replica) =>
            replicaLagMs(replica, health.checkTimeoutMs).pipe(
              Effect.tap((lag) => Effect.sync(() => lags.set(replica, lag))),
              Effect.map((lag) => reads.setHealthy(replica, lag <= health.maxLagMs)),
              Effect.catch(() => Effect.sync(() => reads.setHealthy(replica, false))),
            ),
          { concurrency: "unbounded", discard: true },
        );
        yield* checkAll;
        yield* Effect.forkScoped(Effect.repeat(checkAll, Schedule.spaced(Duration.millis(checkMs))));
      }
      return { primary: pools.primary, primaryReads: pools.primaryReads, background: pools.background, jobs: pools.jobs, reads };
    }),
  );
