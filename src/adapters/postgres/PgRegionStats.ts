import { Effect, Layer } from "effect";
import { RegionStats } from "../../application/ports/RegionStats.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

/**
 * The source of truth for region counts, counted in one statement on the indexes by region
 * (idx_questions_region_created is partial on listed questions, idx_users_region_verified leads with the region).
 */
export const PgRegionStats = Layer.effect(
  RegionStats,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      count: (codes) =>
        Effect.map(
          sql.readRows<{ questions: number; users: number }>(
            `SELECT (SELECT count(*) FROM questions WHERE region_code = ANY($1::varchar[]) AND deleted_at IS NULL AND status <> 'hidden') AS questions,
                    (SELECT count(*) FROM users WHERE region_code = ANY($1::varchar[]) AND deleted_at IS NULL) AS users`,
            [[...codes]],
          ),
          (rows) => ({ questions: rows[0]?.questions ?? 0, users: rows[0]?.users ?? 0 }),
        ),
    };
  }),
);
