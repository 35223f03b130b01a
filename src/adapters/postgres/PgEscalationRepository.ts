import { Effect, Layer } from "effect";
import { EscalationRepository } from "../../application/ports/EscalationRepository.js";
import { UserId } from "../../domain/shared/ids.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

export const PgEscalationRepository = Layer.effect(
  EscalationRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      localsIn: (regionCodes, exclude, limit) =>
        Effect.map(
          sql.primaryRows<{ id: string }>(
            `SELECT id FROM users WHERE region_code = ANY($1::text[]) AND is_local_verified AND deleted_at IS NULL AND id <> $2
             ORDER BY last_active_at DESC, id LIMIT $3`,
            [regionCodes, exclude, limit],
          ),
          (rows) => rows.map((r) => UserId(r.id)),
        ),
      notifiedOf: (questionId) =>
        Effect.map(
          sql.primaryRows<{ user_id: string }>("SELECT user_id FROM escalation_notices WHERE question_id = $1", [questionId]),
          (rows) => new Set(rows.map((r) => r.user_id)),
        ),
      countsSince: (userIds, since) =>
        userIds.length === 0
          ? Effect.succeed(new Map())
          : Effect.map(
              sql.primaryRows<{ user_id: string; n: number }>(
                `SELECT user_id, count(*)::int AS n FROM escalation_notices WHERE user_id = ANY($1::uuid[]) AND notified_at >= $2 GROUP BY user_id`,
                [userIds, since],
              ),
              (rows) => new Map(rows.map((r) => [r.user_id, Number(r.n)])),
            ),
      record: (questionId, userIds, ring, at) =>
        userIds.length === 0
          ? Effect.succeed([])
          : Effect.map(
              sql.rows<{ user_id: string }>(
                `INSERT INTO escalation_notices (question_id, user_id, ring, notified_at)
                 SELECT $1, u, $3, $4 FROM unnest($2::uuid[]) AS u
                 ON CONFLICT DO NOTHING RETURNING user_id`,
                [questionId, userIds, ring, at],
              ),
              (rows) => rows.map((r) => UserId(r.user_id)),
            ),
      notifiedCount: (questionId) =>
        Effect.map(
          sql.readRows<{ n: number }>("SELECT count(*)::int AS n FROM escalation_notices WHERE question_id = $1", [questionId]),
          (r) => Number(r[0]?.n ?? 0),
        ),
    };
  }),
);
