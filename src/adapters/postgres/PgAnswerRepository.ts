import { Effect, Layer } from "effect";
import { AnswerRepository } from "../../application/ports/AnswerRepository.js";
import type { Answer } from "../../domain/answer/answer.js";
import { statement } from "./columns.js";
import { PgDatabase } from "./PgDatabase.js";
import { ANSWERS, type AnswerRow, toAnswer } from "./rows.js";
import { makeSql } from "./sql.js";

/** What a save writes: likes move only through addLikes. */
const EDITABLE = ["content", "images", "quality_score", "is_accepted", "accepted_at", "updated_at", "deleted_at", "hidden_at"] as const;

export const PgAnswerRepository = Layer.effect(
  AnswerRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      insert: (a: Answer) => Effect.asVoid(sql.rows(...statement((p) => ANSWERS.insert(a, p)))),
      findById: (id) =>
        Effect.map(sql.readRows<AnswerRow>(`SELECT ${ANSWERS.select} FROM answers WHERE id = $1`, [id]), (r) =>
          r[0] ? toAnswer(r[0]) : undefined,
        ),
      listByQuestion: (questionId) =>
        Effect.map(
          sql.readRows<AnswerRow>(
            `SELECT ${ANSWERS.select} FROM answers WHERE question_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
            [questionId],
          ),
          (rows) => rows.map(toAnswer),
        ),
      save: (a) => Effect.asVoid(sql.rows(...statement((p) => `UPDATE answers SET ${ANSWERS.set(a, EDITABLE, p)} WHERE id = ${p(a.id)}`))),
      addLikes: (id, delta) => Effect.asVoid(sql.rows("UPDATE answers SET like_count = like_count + $2 WHERE id = $1", [id, delta])),
      countAcceptedInRegions: (authorId, regionCodes) =>
        Effect.map(
          sql.readRows<{ n: number }>(
            `SELECT count(*) AS n FROM answers a JOIN questions q ON q.id = a.question_id
             WHERE a.user_id = $1 AND a.is_accepted AND a.deleted_at IS NULL AND q.region_code = ANY($2::varchar[])`,
            [authorId, regionCodes],
          ),
          (rows) => rows[0]?.n ?? 0,
        ),
    };
  }),
);
