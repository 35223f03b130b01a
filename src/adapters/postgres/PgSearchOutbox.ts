import { Context, Effect, Layer } from "effect";
import { SearchOutbox } from "../../application/ports/SearchOutbox.js";
import { QuestionId } from "../../domain/shared/ids.js";
import { PgDatabase } from "./PgDatabase.js";
import type { Sql } from "./sql.js";
import { makeSql } from "./sql.js";

/** Whether question writes also enqueue search work (only when a search engine is configured). */
export const SearchOutboxEnabled = Context.Reference<boolean>("dongne/adapters/PgSearchOutboxEnabled", { defaultValue: () => false });

export const OUTBOX_INSERT = "INSERT INTO search_outbox (question_id, version)";
export const OUTBOX_CONFLICT = "ON CONFLICT (question_id) DO UPDATE SET version = EXCLUDED.version, enqueued_at = now()";
const ENQUEUE = `${OUTBOX_INSERT} SELECT id, nextval('search_outbox_version') FROM unnest($1::uuid[]) AS id ${OUTBOX_CONFLICT}`;

/** Used by the repositories inside their own statements' transaction. */
export const enqueueQuestions = (sql: Sql, enabled: boolean, ids: readonly string[]): Effect.Effect<void> =>
  enabled && ids.length > 0 ? Effect.asVoid(sql.rows(ENQUEUE, [ids])) : Effect.void;

export const enqueueQuestionsOf = (sql: Sql, enabled: boolean, userId: string): Effect.Effect<void> =>
  enabled
    ? Effect.asVoid(
        sql.rows(
          `INSERT INTO search_outbox (question_id, version) SELECT id, nextval('search_outbox_version') FROM questions WHERE user_id = $1
           ON CONFLICT (question_id) DO UPDATE SET version = EXCLUDED.version, enqueued_at = now()`,
          [userId],
        ),
      )
    : Effect.void;

export const PgSearchOutbox = Layer.effect(
  SearchOutbox,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      take: (limit) =>
        Effect.map(
          sql.rows<{ question_id: string; version: number }>(
            "SELECT question_id, version FROM search_outbox ORDER BY enqueued_at, question_id LIMIT $1",
            [limit],
          ),
          (rows) => rows.map((r) => ({ questionId: QuestionId(r.question_id), version: Number(r.version) })),
        ),
      complete: (entries) =>
        Effect.asVoid(
          sql.rows(
            "DELETE FROM search_outbox o USING unnest($1::uuid[], $2::bigint[]) AS c(id, v) WHERE o.question_id = c.id AND o.version = c.v",
            [entries.map((e) => e.questionId), entries.map((e) => e.version)],
          ),
        ),
      pending: Effect.map(sql.rows<{ n: number }>("SELECT count(*) AS n FROM search_outbox"), (r) => r[0]?.n ?? 0),
      enqueueAll: Effect.map(
        sql.rows<{ n: number }>(
          `WITH q AS (INSERT INTO search_outbox (question_id, version) SELECT id, nextval('search_outbox_version') FROM questions
             ON CONFLICT (question_id) DO UPDATE SET version = EXCLUDED.version, enqueued_at = now() RETURNING 1) SELECT count(*) AS n FROM q`,
        ),
        (r) => r[0]?.n ?? 0,
      ),
    };
  }),
);
