import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** Operator queries on one connection of their own (backups, the drill, the db:* reports): not the service's pools. */
const withClient = async <A>(url: string, work: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, statement_timeout: 600_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
};

/** What pgBackRest needs to reach a local server: port and password from the URL, the socket directory from the server. */
export const serverAccessOf = (url: string) =>
  withClient(url, async (client) => {
    const { rows } = await client.query<{ dirs: string }>("SELECT current_setting('unix_socket_directories') AS dirs");
    const parsed = new URL(url);
    return {
      port: Number(parsed.port || 5432),
      socketDir: (rows[0]?.dirs ?? "/tmp").split(",")[0]?.trim() || "/tmp",
      password: decodeURIComponent(parsed.password),
    };
  });

export interface ArchiverStatus {
  readonly archiveMode: string;
  readonly archivedCount: number;
  readonly lastArchivedWal: string | null;
  readonly lastArchivedAt: Date | null;
  readonly failedCount: number;
  readonly lastFailedWal: string | null;
  readonly lastFailedAt: Date | null;
  /** The archiver's last attempt failed: segments are piling up and the recovery point is getting older. */
  readonly failing: boolean;
}

/** pg_stat_archiver: whether WAL archiving works (a failing archive is a gap in point-in-time recovery). */
export const archiverStatus = (url: string): Promise<ArchiverStatus> =>
  withClient(url, async (client) => {
    const { rows } = await client.query<{
      archive_mode: string;
      archived_count: string;
      last_archived_wal: string | null;
      last_archived_time: Date | null;
      failed_count: string;
      last_failed_wal: string | null;
      last_failed_time: Date | null;
    }>("SELECT current_setting('archive_mode') AS archive_mode, a.* FROM pg_stat_archiver a");
    const r = rows[0];
    if (!r) throw new Error("pg_stat_archiver returned no row");
    const lastFailedAt = r.last_failed_time;
    const lastArchivedAt = r.last_archived_time;
    return {
      archiveMode: r.archive_mode,
      archivedCount: Number(r.archived_count),
      lastArchivedWal: r.last_archived_wal,
      lastArchivedAt,
      failedCount: Number(r.failed_count),
      lastFailedWal: r.last_failed_wal,
      lastFailedAt,
      failing: lastFailedAt !== null && (lastArchivedAt === null || lastFailedAt > lastArchivedAt),
    };
  });

/**
 * Closes the current WAL segment and waits until the archive holds it, so that everything committed
 * before this call is recoverable. Resolves with the segment and how long archiving took.
 */
export const switchWalAndWait = (url: string, timeoutMs = 60_000) =>
  withClient(url, async (client) => {
    const started = performance.now();
    const { rows } = await client.query<{ wal: string }>("SELECT pg_walfile_name(pg_switch_wal()) AS wal");
    const wal = rows[0]?.wal ?? "";
    for (;;) {
      const { rows: a } = await client.query<{ last: string | null }>("SELECT last_archived_wal AS last FROM pg_stat_archiver");
      const last = a[0]?.last ?? "";
      // Same timeline: names order as positions (a .partial or .history name sorts after its segment).
      if (last.slice(8, 24) >= wal.slice(8, 24) && last.slice(0, 8) >= wal.slice(0, 8)) return { wal, ms: performance.now() - started };
      if (performance.now() - started > timeoutMs)
        throw new Error(
          `WAL segment ${wal} was not archived within ${timeoutMs / 1000} s (last archived: ${last || "none"}); see DATA_DIR/postgres.log`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
  });

/** A row the drill writes before its target time and expects in the restored copy. */
export const writeDrillMark = (url: string) =>
  withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string; at: Date }>("INSERT INTO ops_drill_marks DEFAULT VALUES RETURNING id, at");
    const row = rows[0];
    if (!row) throw new Error("no drill mark written");
    return { id: Number(row.id), at: row.at };
  });

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

/** The newest migration this build ships. */
export const latestMigration = () =>
  readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith(".sql"))
    .map((f) => f.replace(/\.sql$/, ""))
    .sort()
    .pop() ?? "";

export interface DrillCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * The restored copy's health: amcheck on every B-tree index (with the heap) and every table, the
 * migration version, the drill's mark, and the ledger's invariants — each balance equals its ledger's
 * sum, and every entry's balance before is 0 or some earlier entry's balance after, ending at the balance.
 */
export const drillChecks = (url: string, expect: { readonly markId?: number }) =>
  withClient(url, async (client) => {
    const checks: DrillCheck[] = [];
    await client.query("CREATE EXTENSION IF NOT EXISTS amcheck");
    const { rows: indexes } = await client.query<{ name: string }>(
      `SELECT c.oid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
       JOIN pg_namespace n ON n.oid = c.relnamespace WHERE am.amname = 'btree' AND n.nspname = 'public' AND i.indisvalid ORDER BY 1`,
    );
    for (const { name } of indexes) await client.query("SELECT bt_index_check($1::regclass, true)", [name]);
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT c.oid::regclass::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1",
    );
    let corrupt = 0;
    for (const { name } of tables) {
      const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM verify_heapam($1::regclass)", [name]);
      corrupt += Number(rows[0]?.n ?? 0);
    }
    checks.push({
      name: "amcheck",
      ok: corrupt === 0,
      detail: `${indexes.length} B-tree indexes (with heap) and ${tables.length} tables checked; ${corrupt} corrupt tuples`,
    });
    const { rows: migrations } = await client.query<{ name: string }>(
      "SELECT name FROM pgmigrations ORDER BY run_on DESC, id DESC LIMIT 1",
    );
    const applied = migrations[0]?.name ?? "none";
    const expected = latestMigration();
    checks.push({ name: "migration version", ok: applied === expected, detail: `applied ${applied}, this build ${expected}` });
    if (expect.markId !== undefined) {
      const { rowCount } = await client.query("SELECT 1 FROM ops_drill_marks WHERE id = $1", [expect.markId]);
      checks.push({
        name: "recovered to target",
        ok: rowCount === 1,
        detail: `drill mark ${expect.markId} ${rowCount ? "present" : "MISSING"}`,
      });
    }
    const { rows: balances } = await client.query<{ users: string; wrong: string }>(
      `SELECT count(*) AS users, count(*) FILTER (WHERE u.point_balance <> coalesce(l.total, 0)) AS wrong
       FROM users u LEFT JOIN (SELECT user_id, sum(amount) AS total FROM point_transactions GROUP BY user_id) l ON l.user_id = u.id`,
    );
    const b = balances[0];
    checks.push({
      name: "balance = ledger sum",
      ok: Number(b?.wrong ?? 1) === 0,
      detail: `${b?.users ?? 0} users, ${b?.wrong ?? "?"} with a balance other than their ledger's sum`,
    });
    const { rows: chain } = await client.query<{ entries: string; broken: string; unended: string }>(
      `SELECT (SELECT count(*) FROM point_transactions) AS entries,
         (SELECT count(*) FROM point_transactions t WHERE t.balance_before <> 0 AND NOT EXISTS
            (SELECT 1 FROM point_transactions p WHERE p.user_id = t.user_id AND p.balance_after = t.balance_before AND p.id <> t.id)) AS broken,
         (SELECT count(*) FROM users u WHERE EXISTS (SELECT 1 FROM point_transactions t WHERE t.user_id = u.id) AND NOT EXISTS
            (SELECT 1 FROM point_transactions t WHERE t.user_id = u.id AND t.balance_after = u.point_balance)) AS unended`,
    );
    const c = chain[0];
    checks.push({
      name: "balance chain",
      ok: Number(c?.broken ?? 1) === 0 && Number(c?.unended ?? 1) === 0,
      detail: `${c?.entries ?? 0} entries, ${c?.broken ?? "?"} without a predecessor, ${c?.unended ?? "?"} users whose chain does not end at their balance`,
    });
    return checks;
  });

/** Row counts of the tables the drill and the restore report show. */
export const contentSummary = (url: string) =>
  withClient(url, async (client) => {
    const { rows } = await client.query<{ questions: string; answers: string; users: string }>(
      "SELECT (SELECT count(*) FROM questions) AS questions, (SELECT count(*) FROM answers) AS answers, (SELECT count(*) FROM users) AS users",
    );
    const r = rows[0];
    return { questions: Number(r?.questions ?? 0), answers: Number(r?.answers ?? 0), users: Number(r?.users ?? 0) };
  });
