import { Context, Effect, Layer } from "effect";
import pg from "pg";

/** What a read may use: a replica in turn, or the primary when none is healthy. */
export interface ReadRouting {
  readonly pick: () => pg.Pool;
  readonly reportFailure: (pool: pg.Pool) => void;
}

export interface PgDatabaseShape {
  readonly primary: pg.Pool;
  readonly reads: ReadRouting;
}

export class PgDatabase extends Context.Service<PgDatabase, PgDatabaseShape>()("dongne/adapters/PgDatabase") {}

export interface PgConfig {
  readonly url: string;
  readonly replicaUrls?: readonly string[];
  readonly poolSize?: number;
  /** How long a failed replica is left out before it is tried again. */
  readonly replicaRetryMs?: number;
}

// int8 (counts from count(*)) as numbers: our counts stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

const makePool = (url: string, max: number) => {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 });
  // An idle client's error (server restart) must not crash the process; the pool replaces the client.
  pool.on("error", () => {});
  return pool;
};

/** Round-robin over healthy replicas; a replica that fails is skipped for a while, then tried again. */
export const makeReadRouting = (
  primary: pg.Pool,
  replicas: readonly pg.Pool[],
  retryMs: number,
  now: () => number = Date.now,
): ReadRouting => {
  const downUntil = new Map<pg.Pool, number>();
  let next = 0;
  return {
    pick: () => {
      for (let i = 0; i < replicas.length; i++) {
        const candidate = replicas[(next + i) % replicas.length] as pg.Pool;
        if ((downUntil.get(candidate) ?? 0) <= now()) {
          next = (next + i + 1) % replicas.length;
          return candidate;
        }
      }
      return primary;
    },
    reportFailure: (pool) => {
      if (pool !== primary) downUntil.set(pool, now() + retryMs);
    },
  };
};

export const PgDatabaseLive = (config: PgConfig) =>
  Layer.effect(
    PgDatabase,
    Effect.acquireRelease(
      Effect.sync(() => {
        const primary = makePool(config.url, config.poolSize ?? 10);
        const replicas = (config.replicaUrls ?? []).map((url) => makePool(url, config.poolSize ?? 10));
        return { primary, replicas, reads: makeReadRouting(primary, replicas, config.replicaRetryMs ?? 10_000) };
      }),
      ({ primary, replicas }) => Effect.promise(() => Promise.all([primary.end(), ...replicas.map((r) => r.end())])).pipe(Effect.ignore),
    ).pipe(Effect.map(({ primary, reads }) => ({ primary, reads }))),
  );
