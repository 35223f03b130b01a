import { Effect, Layer } from "effect";
import pg from "pg";
import { type DependencyCheck, HealthChecks } from "../../application/ports/HealthCheck.js";

export interface PgHealthConfig {
  readonly url: string;
  readonly replicaUrls?: readonly string[];
  readonly timeoutMs?: number;
}

/**
 * `SELECT 1` on a connection of its own, not from the pools: a pool busy with slow requests is not
 * a database that is down, and a stuck server must not hold a pooled client. Connect and query are
 * each bounded, so a server that accepts but never answers (stopped, overloaded) fails the check.
 */
const selectOne = (url: string, timeoutMs: number) =>
  Effect.tryPromise(async (signal) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
    client.on("error", () => {});
    const abandon = () => void client.end().catch(() => {});
    signal.addEventListener("abort", abandon);
    try {
      await client.connect();
      await client.query("SELECT 1");
    } finally {
      signal.removeEventListener("abort", abandon);
      abandon();
    }
  });

/** The primary is essential; a replica down only degrades (its reads go to the primary). */
export const pgHealthChecks = (config: PgHealthConfig): DependencyCheck[] => {
  const timeoutMs = config.timeoutMs ?? 1_000;
  return [
    { name: "database", essential: true, ping: selectOne(config.url, timeoutMs) },
    ...(config.replicaUrls ?? []).map((url, i) => ({
      name: `databaseReplica${i + 1}`,
      essential: false,
      ping: selectOne(url, timeoutMs),
    })),
  ];
};

export const PgHealth = (config: PgHealthConfig) => Layer.succeed(HealthChecks, { checks: pgHealthChecks(config) });
