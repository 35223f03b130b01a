import { Effect, Layer } from "effect";
import { ModerationRepository } from "../../application/ports/ModerationRepository.js";
import type { AuditEntry, Resolution, Review, ReviewCause, TargetType } from "../../domain/moderation/moderation.js";
import { UserId } from "../../domain/shared/ids.js";
import { isRole } from "../../domain/user/role.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

interface ReviewRow {
  target_type: TargetType;
  target_id: string;
  author_id: string;
  cause: ReviewCause;
  hidden: boolean;
  previous_status: string | null;
  state: "pending" | "resolved";
  resolution: Resolution | null;
  resolved_by: string | null;
  opened_at: Date;
  resolved_at: Date | null;
}
const REVIEW_COLUMNS =
  "target_type, target_id, author_id, cause, hidden, previous_status, state, resolution, resolved_by, opened_at, resolved_at";

const toReview = (r: ReviewRow): Review => ({
  target: { type: r.target_type, id: r.target_id },
  authorId: UserId(r.author_id),
  cause: r.cause,
  hidden: r.hidden,
  previousStatus: r.previous_status,
  state: r.state,
  resolution: r.resolution,
  resolvedBy: r.resolved_by === null ? null : UserId(r.resolved_by),
  openedAt: r.opened_at,
  resolvedAt: r.resolved_at,
});

interface AuditRow {
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  detail: AuditEntry["detail"];
  created_at: Date;
}

export const PgModerationRepository = Layer.effect(
  ModerationRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      addFlag: (f) =>
        Effect.map(
          sql.rows(
            `INSERT INTO moderation_flags (target_type, target_id, user_id, reason, created_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING RETURNING 1 AS added`,
            [f.target.type, f.target.id, f.userId, f.reason, f.createdAt],
          ),
          (rows) => rows.length === 1,
        ),
      countFlags: (t) =>
        Effect.map(
          sql.rows<{ n: number }>("SELECT count(*)::int AS n FROM moderation_flags WHERE target_type = $1 AND target_id = $2", [
            t.type,
            t.id,
          ]),
          (rows) => rows[0]?.n ?? 0,
        ),
      // A resolved review is replaced by the new one; a pending one stays unless the post is now hidden and was not.
      openReview: (r) =>
        Effect.map(
          sql.rows(
            `INSERT INTO moderation_reviews (${REVIEW_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, 'pending', NULL, NULL, $7, NULL)
             ON CONFLICT (target_type, target_id) DO UPDATE SET author_id = EXCLUDED.author_id, cause = EXCLUDED.cause,
               hidden = EXCLUDED.hidden, previous_status = EXCLUDED.previous_status, state = 'pending', resolution = NULL,
               resolved_by = NULL, opened_at = EXCLUDED.opened_at, resolved_at = NULL
             WHERE moderation_reviews.state = 'resolved' OR (EXCLUDED.hidden AND NOT moderation_reviews.hidden)
             RETURNING 1 AS opened`,
            [r.target.type, r.target.id, r.authorId, r.cause, r.hidden, r.previousStatus, r.openedAt],
          ),
          (rows) => rows.length === 1,
        ),
      findReview: (t) =>
        Effect.map(
          sql.rows<ReviewRow>(`SELECT ${REVIEW_COLUMNS} FROM moderation_reviews WHERE target_type = $1 AND target_id = $2`, [t.type, t.id]),
          (rows) => (rows[0] ? toReview(rows[0]) : undefined),
        ),
      pending: ({ limit, after }) =>
        Effect.map(
          after
            ? sql.readRows<ReviewRow>(
                `SELECT ${REVIEW_COLUMNS} FROM moderation_reviews WHERE state = 'pending' AND (opened_at, target_id) > ($1, $2::uuid)
                 ORDER BY opened_at, target_id LIMIT $3`,
                [after.openedAt, after.id, limit],
              )
            : sql.readRows<ReviewRow>(
                `SELECT ${REVIEW_COLUMNS} FROM moderation_reviews WHERE state = 'pending' ORDER BY opened_at, target_id LIMIT $1`,
                [limit],
              ),
          (rows) => rows.map(toReview),
        ),
      resolve: (t, resolution, by, at) =>
        Effect.map(
          sql.rows(
            `UPDATE moderation_reviews SET state = 'resolved', resolution = $3, resolved_by = $4, resolved_at = $5
             WHERE target_type = $1 AND target_id = $2 AND state = 'pending' RETURNING 1 AS resolved`,
            [t.type, t.id, resolution, by, at],
          ),
          (rows) => rows.length === 1,
        ),
      audit: (e) =>
        Effect.asVoid(
          sql.rows(
            "INSERT INTO moderation_audit (actor_id, action, target_type, target_id, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
            [e.actorId, e.action, e.target.type, e.target.id, e.detail, e.createdAt],
          ),
        ),
      auditOf: (t) =>
        Effect.map(
          sql.rows<AuditRow>(
            `SELECT actor_id, action, target_type, target_id, detail, created_at FROM moderation_audit
             WHERE target_type = $1 AND target_id = $2 ORDER BY id`,
            [t.type, t.id],
          ),
          (rows) =>
            rows.map(
              (r): AuditEntry => ({
                actorId: r.actor_id === null ? null : UserId(r.actor_id),
                action: r.action,
                target: { type: r.target_type, id: r.target_id },
                detail: r.detail,
                createdAt: r.created_at,
              }),
            ),
        ),
      roleOf: (userId) =>
        Effect.map(sql.rows<{ role: string }>("SELECT role FROM users WHERE id = $1", [userId]), (rows) => {
          const role = rows[0]?.role;
          return role !== undefined && isRole(role) ? role : "user";
        }),
      setRole: (userId, role) =>
        Effect.map(
          sql.rows("UPDATE users SET role = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING 1 AS set", [
            userId,
            role,
          ]),
          (rows) => rows.length === 1,
        ),
    };
  }),
);
