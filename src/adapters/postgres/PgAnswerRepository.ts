import { Effect, Layer } from "effect";
import { AnswerRepository } from "../../application/ports/AnswerRepository.js";
import type { Answer } from "../../domain/answer/answer.js";
import { PgDatabase } from "./PgDatabase.js";
import { ANSWER_COLUMNS, type AnswerRow, toAnswer } from "./rows.js";
import { makeSql } from "./sql.js";

export const PgAnswerRepository = Layer.effect(
  AnswerRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      insert: (a: Answer) =>
        Effect.asVoid(
          sql.rows(
            `INSERT INTO answers (id, question_id, user_id, content, images, like_count, quality_score, is_accepted, accepted_at, created_at, updated_at, deleted_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
            [
              a.id,
              a.questionId,
              a.authorId,
              a.content,
              a.images,
              a.likeCount,
              a.qualityScore,
              a.isAccepted,
              a.acceptedAt,
              a.createdAt,
              a.updatedAt,
              a.deletedAt,
            ],
          ),
        ),
      findById: (id) =>
        Effect.map(sql.readRows<AnswerRow>(`SELECT ${ANSWER_COLUMNS} FROM answers WHERE id = $1`, [id]), (r) =>
          r[0] ? toAnswer(r[0]) : undefined,
        ),
      listByQuestion: (questionId) =>
        Effect.map(
          sql.readRows<AnswerRow>(
            `SELECT ${ANSWER_COLUMNS} FROM answers WHERE question_id = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
            [questionId],
          ),
          (rows) => rows.map(toAnswer),
        ),
      save: (a) =>
        Effect.asVoid(
          sql.rows(
            "UPDATE answers SET content=$2, images=$3, quality_score=$4, is_accepted=$5, accepted_at=$6, updated_at=$7, deleted_at=$8 WHERE id=$1",
            [a.id, a.content, a.images, a.qualityScore, a.isAccepted, a.acceptedAt, a.updatedAt, a.deletedAt],
          ),
        ),
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
