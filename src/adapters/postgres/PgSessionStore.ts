import { Effect, Layer } from "effect";
import { type SessionRecord, SessionStore } from "../../application/ports/SessionStore.js";
import { UserId } from "../../domain/shared/ids.js";
import { sessionTokenDigest as digest, newSessionToken } from "../crypto/sessionTokens.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

interface SessionRow {
  readonly id: string;
  readonly user_id: string;
  readonly created_at: Date;
  readonly last_seen_at: Date;
  readonly expires_at: Date;
  readonly user_agent: string | null;
}

const COLUMNS = "s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, s.user_agent";

const toRecord = (r: SessionRow): SessionRecord => ({
  id: r.id,
  userId: UserId(r.user_id),
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
  userAgent: r.user_agent,
});

/** Only the token's SHA-256 is stored: a copy of the table grants no session. */
export const PgSessionStore = Layer.effect(
  SessionStore,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    const ended = (rows: readonly { id: string }[]) => rows.map((r) => r.id);
    return {
      create: (s) =>
        Effect.gen(function* () {
          const token = newSessionToken();
          const [row] = yield* sql.rows<{ id: string }>(
            `INSERT INTO sessions (token_digest, user_id, expires_at, created_at, last_seen_at, user_agent)
             VALUES ($1, $2, $3, $4, $4, $5) RETURNING id`,
            [digest(token), s.userId, s.expiresAt, s.createdAt, s.userAgent],
          );
          return {
            token,
            id: row?.id ?? "",
            userId: s.userId,
            createdAt: s.createdAt,
            lastSeenAt: s.createdAt,
            expiresAt: s.expiresAt,
            userAgent: s.userAgent,
          };
        }),
      resolve: (token) =>
        Effect.map(
          // A deleted account's sessions end with it. From the primary (a fresh login works on the very next
          // request), on the reads pool: every request looks its session up, and must not queue behind writes.
          sql.primaryRows<SessionRow>(
            `SELECT ${COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id AND u.deleted_at IS NULL WHERE s.token_digest = $1`,
            [digest(token)],
          ),
          (rows) => (rows[0] ? toRecord(rows[0]) : undefined),
        ),
      touch: (sessionId, at) =>
        Effect.asVoid(sql.rows("UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2", [sessionId, at])),
      listFor: (userId) =>
        Effect.map(
          sql.primaryRows<SessionRow>(`SELECT ${COLUMNS} FROM sessions s WHERE s.user_id = $1 ORDER BY s.created_at DESC, s.id`, [userId]),
          (rows) => rows.map(toRecord),
        ),
      revoke: (which) => {
        switch (which._tag) {
          case "Token":
            return Effect.map(
              sql.rows<{ id: string }>("DELETE FROM sessions WHERE token_digest = $1 RETURNING id", [digest(which.token)]),
              ended,
            );
          case "Session":
            return Effect.map(
              sql.rows<{ id: string }>("DELETE FROM sessions WHERE id = $1 AND user_id = $2 RETURNING id", [which.sessionId, which.userId]),
              ended,
            );
          case "AllOf":
            return Effect.map(
              sql.rows<{ id: string }>("DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2::uuid RETURNING id", [
                which.userId,
                which.exceptSessionId ?? null,
              ]),
              ended,
            );
        }
      },
      purge: ({ expiredBefore, idleBefore }) =>
        Effect.map(
          sql.rows<{ n: number }>(
            `WITH gone AS (DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
            [expiredBefore, idleBefore],
          ),
          (rows) => rows[0]?.n ?? 0,
        ),
    };
  }),
);
