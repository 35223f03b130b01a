import { Effect, Layer } from "effect";
import { LikeRepository } from "../../application/ports/LikeRepository.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

export const PgLikeRepository = Layer.effect(
  LikeRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      add: (kind, targetId, userId) =>
        Effect.map(
          sql.rows(
            kind === "question"
              ? "INSERT INTO question_likes (question_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1"
              : "INSERT INTO answer_likes (answer_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1",
            [targetId, userId],
          ),
          (rows) => rows.length === 1,
        ),
    };
  }),
);
