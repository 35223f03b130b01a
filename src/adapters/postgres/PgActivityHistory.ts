import { Effect, Layer } from "effect";
import { ActivityHistory } from "../../application/ports/ActivityCounters.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

/** Questions asked since a time, on idx_questions_oldest (listed questions by creation). */
export const PgActivityHistory = Layer.effect(
  ActivityHistory,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      askedSince: (since) =>
        Effect.map(
          sql.readRows<{ id: string; hashtags: string[]; region_code: string; created_at: Date }>(
            `SELECT id, hashtags, region_code, created_at FROM questions
              WHERE created_at >= $1 AND deleted_at IS NULL AND status <> 'hidden' ORDER BY created_at, id`,
            [since],
          ),
          (rows) => rows.map((r) => ({ questionId: r.id, hashtags: r.hashtags, regionCode: r.region_code, at: r.created_at })),
        ),
    };
  }),
);
