import { Effect, Layer } from "effect";
import { FollowRepository } from "../../application/ports/FollowRepository.js";
import type { Follow, FollowKind } from "../../domain/notification/follow.js";
import { UserId } from "../../domain/shared/ids.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

interface FollowRow {
  id: string;
  user_id: string;
  kind: FollowKind;
  target: string;
  created_at: Date;
  checked_until: Date;
  last_notified_at: Date | null;
}
const COLUMNS = "id, user_id, kind, target, created_at, checked_until, last_notified_at";
const toFollow = (r: FollowRow): Follow => ({
  id: r.id,
  userId: UserId(r.user_id),
  kind: r.kind,
  target: r.target,
  createdAt: r.created_at,
  checkedUntil: r.checked_until,
  lastNotifiedAt: r.last_notified_at,
});

export const PgFollowRepository = Layer.effect(
  FollowRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    const find = (userId: string, kind: FollowKind, target: string) =>
      Effect.map(
        sql.primaryRows<FollowRow>(`SELECT ${COLUMNS} FROM follows WHERE user_id = $1 AND kind = $2 AND target = $3`, [
          userId,
          kind,
          target,
        ]),
        (rows) => (rows[0] ? toFollow(rows[0]) : undefined),
      );
    return {
      add: (f) =>
        sql
          .rows<FollowRow>(
            `INSERT INTO follows (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (user_id, kind, target) DO NOTHING RETURNING ${COLUMNS}`,
            [f.id, f.userId, f.kind, f.target, f.createdAt, f.checkedUntil, f.lastNotifiedAt],
          )
          .pipe(
            Effect.flatMap((rows) =>
              rows[0] ? Effect.succeed(toFollow(rows[0])) : Effect.map(find(f.userId, f.kind, f.target), (x) => x ?? f),
            ),
          ),
      find,
      list: (userId) =>
        Effect.map(
          sql.primaryRows<FollowRow>(`SELECT ${COLUMNS} FROM follows WHERE user_id = $1 ORDER BY created_at, id`, [userId]),
          (rows) => rows.map(toFollow),
        ),
      count: (userId) =>
        Effect.map(sql.primaryRows<{ n: number }>("SELECT count(*)::int AS n FROM follows WHERE user_id = $1", [userId]), (r) =>
          Number(r[0]?.n ?? 0),
        ),
      remove: (userId, id) =>
        Effect.map(sql.rows("DELETE FROM follows WHERE id = $1 AND user_id = $2 RETURNING id", [id, userId]), (r) => r.length > 0),
      removeAllOf: (userId) =>
        Effect.map(
          sql.rows<{ n: number }>(
            `WITH gone AS (DELETE FROM follows WHERE user_id = $1 RETURNING id), digests AS (DELETE FROM follow_digests WHERE user_id = $1)
             SELECT count(*)::int AS n FROM gone`,
            [userId],
          ),
          (r) => Number(r[0]?.n ?? 0),
        ),
      claimDigest: (userId, day, at) =>
        Effect.map(
          sql.rows(
            "INSERT INTO follow_digests (user_id, day, sent_at) VALUES ($1, $2::date, $3) ON CONFLICT DO NOTHING RETURNING user_id",
            [userId, day, at],
          ),
          (r) => r.length > 0,
        ),
      due: (notifiedBefore, afterId, limit) =>
        Effect.map(
          sql.primaryRows<FollowRow>(
            `SELECT ${COLUMNS.split(", ")
              .map((c) => `f.${c}`)
              .join(", ")} FROM follows f JOIN users u ON u.id = f.user_id AND u.deleted_at IS NULL
             WHERE (f.last_notified_at IS NULL OR f.last_notified_at <= $1) AND ($2::uuid IS NULL OR f.id > $2::uuid)
             ORDER BY f.id LIMIT $3`,
            [notifiedBefore, afterId, limit],
          ),
          (rows) => rows.map(toFollow),
        ),
      markChecked: (id, checkedUntil, notifiedAt) =>
        Effect.asVoid(
          sql.rows("UPDATE follows SET checked_until = $2, last_notified_at = COALESCE($3, last_notified_at) WHERE id = $1", [
            id,
            checkedUntil,
            notifiedAt,
          ]),
        ),
      newQuestions: (scope, since, until, exclude) =>
        Effect.map(
          sql.primaryRows<{ n: number; latest: string | null }>(
            `SELECT count(*)::int AS n, (array_agg(id ORDER BY created_at DESC, id DESC))[1]::text AS latest FROM questions
             WHERE deleted_at IS NULL AND status <> 'hidden' AND created_at > $1 AND created_at <= $2 AND user_id <> $3
               AND ${scope.kind === "region" ? "region_code = ANY($4::text[])" : "hashtags @> ARRAY[$4::text]"}`,
            [since, until, exclude, scope.kind === "region" ? scope.regionCodes : scope.hashtag],
          ),
          (r) => ({ count: Number(r[0]?.n ?? 0), latestId: r[0]?.latest ?? null }),
        ),
      digestSubscribers: (afterId, limit) =>
        Effect.map(
          sql.primaryRows<{ id: string }>(
            `SELECT u.id FROM users u
             WHERE u.deleted_at IS NULL AND u.notification_settings->'dailyDigest' = 'true'::jsonb
               AND EXISTS (SELECT 1 FROM follows f WHERE f.user_id = u.id) AND ($1::uuid IS NULL OR u.id > $1::uuid)
             ORDER BY u.id LIMIT $2`,
            [afterId, limit],
          ),
          (rows) => rows.map((r) => UserId(r.id)),
        ),
    };
  }),
);
