import { Effect, Layer } from "effect";
import { SessionStore } from "../../application/ports/SessionStore.js";
import { UserId } from "../../domain/shared/ids.js";
import { sessionTokenDigest as digest, newSessionToken } from "../crypto/sessionTokens.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

/** Only the token's SHA-256 is stored: a copy of the table grants no session. */
export const PgSessionStore = Layer.effect(
  SessionStore,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    const find = (token: string, now: Date) =>
      Effect.map(
        // A deleted account's sessions end with it. From the primary (a fresh login works on the very next
        // request), on the reads pool: every request looks its session up, and must not queue behind writes.
        sql.primaryRows<{ user_id: string; expires_at: Date }>(
          `SELECT s.user_id, s.expires_at FROM sessions s JOIN users u ON u.id = s.user_id AND u.deleted_at IS NULL
           WHERE s.token_digest = $1 AND s.expires_at > $2`,
          [digest(token), now],
        ),
        (rows) => (rows[0] ? { userId: UserId(rows[0].user_id), expiresAt: rows[0].expires_at } : undefined),
      );
    return {
      create: (userId, expiresAt) =>
        Effect.gen(function* () {
          const token = newSessionToken();
          yield* sql.rows("INSERT INTO sessions (token_digest, user_id, expires_at) VALUES ($1, $2, $3)", [
            digest(token),
            userId,
            expiresAt,
          ]);
          return { token, userId, expiresAt };
        }),
      resolve: (token, now) => Effect.map(find(token, now), (s) => s?.userId),
      find,
      revoke: (token) => Effect.asVoid(sql.rows("DELETE FROM sessions WHERE token_digest = $1", [digest(token)])),
      revokeAllFor: (userId) => Effect.asVoid(sql.rows("DELETE FROM sessions WHERE user_id = $1", [userId])),
    };
  }),
);
