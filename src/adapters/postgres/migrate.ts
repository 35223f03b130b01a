import { fileURLToPath } from "node:url";
import { runner } from "node-pg-migrate";
import pg from "pg";
import type { Region } from "../../domain/region/region.js";
import { searchDocument } from "../../domain/search/document.js";
import { migrateJobQueue } from "./PgJobQueue.js";
import { searchRowValues, UPSERT_SEARCH_ROW } from "./searchRows.js";

const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * Applies pending migrations (node-pg-migrate, under its advisory lock, all in one transaction),
 * then makes the reference regions match the project's data. Safe to run on every start.
 */
export const migrate = async (url: string, regions: readonly Region[], log: (msg: string) => void = () => {}) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const applied = await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: "up",
      migrationsTable: "pgmigrations",
      singleTransaction: true,
      checkOrder: true,
      log,
      logger: { debug: () => {}, info: log, warn: log, error: log },
    });
    // The job queue's own schema (graphile-worker's migrations, under its own lock).
    await migrateJobQueue(client, url);
    await upsertRegions(client, regions);
    await backfillSearchRows(client, log);
    await assertHangulTrigrams(client);
    return applied.map((m) => m.name);
  } finally {
    await client.end();
  }
};

const upsertRegions = async (client: pg.Client, regions: readonly Region[]) => {
  // Parents first, so the self-reference holds row by row.
  const depth = (r: Region) => r.code.split("-").length;
  for (const r of [...regions].sort((a, b) => depth(a) - depth(b))) {
    await client.query(
      `INSERT INTO regions (code, name, name_en, parent_code, region_type, boundary, center_lat, center_lng, attributes, is_active)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, parent_code = EXCLUDED.parent_code,
         region_type = EXCLUDED.region_type, boundary = EXCLUDED.boundary, center_lat = EXCLUDED.center_lat, center_lng = EXCLUDED.center_lng,
         attributes = EXCLUDED.attributes, updated_at = now()`,
      [
        r.code,
        r.name,
        r.nameEn,
        r.parentCode,
        r.type,
        r.boundary ? JSON.stringify(r.boundary) : null,
        r.center?.lat ?? null,
        r.center?.lng ?? null,
        r.attributes,
        r.isActive,
      ],
    );
  }
};

/** With LC_CTYPE "C", pg_trgm silently drops Hangul: fail loudly instead (see the Korean search notes). */
const assertHangulTrigrams = async (client: pg.Client) => {
  const { rows } = await client.query<{ n: number }>("SELECT cardinality(show_trgm('가나다')) AS n");
  if (!rows[0] || rows[0].n === 0)
    throw new Error("This database's LC_CTYPE cannot index Hangul with pg_trgm; create it with a UTF-8 locale (for example C.UTF-8).");
};

/** Questions written before search rows existed (or loaded in bulk) get theirs, in batches. */
const backfillSearchRows = async (client: pg.Client, log: (msg: string) => void) => {
  let total = 0;
  for (;;) {
    const { rows } = await client.query<{ id: string; title: string; content: string; hashtags: string[]; nickname: string }>(
      `SELECT q.id, q.title, q.content, q.hashtags, u.nickname FROM questions q JOIN users u ON u.id = q.user_id
       WHERE NOT EXISTS (SELECT 1 FROM question_search s WHERE s.question_id = q.id) LIMIT 1000`,
    );
    if (rows.length === 0) break;
    await client.query("BEGIN");
    for (const r of rows) await client.query(UPSERT_SEARCH_ROW, [r.id, ...searchRowValues(searchDocument(r, r.nickname))]);
    await client.query("COMMIT");
    total += rows.length;
  }
  if (total > 0) log(`search rows backfilled for ${total} questions`);
};
