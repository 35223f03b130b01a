import pg from "pg";

const rowsOf = async <R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, statement_timeout: 60_000 });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end().catch(() => {});
  }
};

/** Why pg_stat_statements cannot be read here, said as the fix; undefined when it can. */
export const statementsUnavailable = async (url: string): Promise<string | undefined> => {
  const [row] = await rowsOf<{ preloaded: boolean; installed: boolean }>(
    url,
    `SELECT current_setting('shared_preload_libraries') ~ 'pg_stat_statements' AS preloaded,
            EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS installed`,
  );
  if (!row?.preloaded)
    return "pg_stat_statements is not loaded: add it to shared_preload_libraries and restart PostgreSQL (the embedded server does this itself).";
  if (!row.installed) {
    try {
      await rowsOf(url, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    } catch (e) {
      return `the pg_stat_statements extension is missing and could not be created (${(e as Error).message}): CREATE EXTENSION pg_stat_statements as a superuser.`;
    }
  }
  return undefined;
};

/** The seed's slow-query view: statements whose mean time is over `minMeanMs`, slowest first, with the buffer hit ratio. */
export const slowStatements = (url: string, minMeanMs: number, limit: number) =>
  rowsOf<{ query: string; calls: number; mean_ms: number; total_ms: number; rows: number; hit_percent: number | null }>(
    url,
    `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls, round(mean_exec_time::numeric, 1)::float8 AS mean_ms,
            round(total_exec_time::numeric, 0)::float8 AS total_ms, rows,
            round((100.0 * shared_blks_hit / nullif(shared_blks_hit + shared_blks_read, 0))::numeric, 1)::float8 AS hit_percent
     FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND mean_exec_time > $1
     ORDER BY mean_exec_time DESC LIMIT $2`,
    [minMeanMs, limit],
  );

/** Index usage: scans, tuples read and fetched, size; unused ones (no scan since the statistics were reset) first. */
export const indexUsage = (url: string) =>
  rowsOf<{ table: string; index: string; scans: number; tuples_read: number; tuples_fetched: number; size: string; unique: boolean }>(
    url,
    `SELECT s.relname AS table, s.indexrelname AS index, s.idx_scan AS scans, s.idx_tup_read AS tuples_read,
            s.idx_tup_fetch AS tuples_fetched, pg_size_pretty(pg_relation_size(s.indexrelid)) AS size, i.indisunique AS unique
     FROM pg_stat_user_indexes s JOIN pg_index i ON i.indexrelid = s.indexrelid
     ORDER BY s.idx_scan ASC, pg_relation_size(s.indexrelid) DESC`,
  );

/** The seed's table sizes: total, heap and indexes per table, largest first, with the row estimate. */
export const tableSizes = (url: string) =>
  rowsOf<{ table: string; rows: number; total: string; heap: string; indexes: string; total_bytes: number }>(
    url,
    `SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS total,
            pg_size_pretty(pg_relation_size(c.oid)) AS heap, pg_size_pretty(pg_indexes_size(c.oid)) AS indexes,
            pg_total_relation_size(c.oid) AS total_bytes
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY pg_total_relation_size(c.oid) DESC`,
  );

export const databaseSize = async (url: string) =>
  (await rowsOf<{ size: string }>(url, "SELECT pg_size_pretty(pg_database_size(current_database())) AS size"))[0]?.size ?? "?";
