import { Effect, Layer } from "effect";
import { UserRepository } from "../../application/ports/UserRepository.js";
import type { User } from "../../domain/user/user.js";
import { statement } from "./columns.js";
import { PgDatabase } from "./PgDatabase.js";
import { toUser, USERS, type UserRow } from "./rows.js";
import { makeSql } from "./sql.js";

/** What a profile save writes: never the balance or the counters, which move only by their own statements. */
const PROFILE = [
  "email",
  "password_hash",
  "nickname",
  "region_code",
  "verification_level",
  "verified_days",
  "notification_settings",
  "privacy_settings",
  "birth_year",
  "last_active_at",
  "deleted_at",
] as const;

export const PgUserRepository = Layer.effect(
  UserRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    const one = (rows: readonly UserRow[]) => (rows[0] ? toUser(rows[0]) : undefined);
    return {
      insert: (u: User) =>
        sql.query(...statement((p) => USERS.insert(u, p))).pipe(
          Effect.asVoid,
          Effect.catch((e) =>
            e.code === "23505" && e.constraint === "users_email_live" ? Effect.fail({ _tag: "EmailTaken" as const }) : Effect.die(e),
          ),
        ),
      findById: (id) => Effect.map(sql.readRows<UserRow>(`SELECT ${USERS.select} FROM users WHERE id = $1`, [id]), one),
      findByIds: (ids) =>
        Effect.map(sql.readRows<UserRow>(`SELECT ${USERS.select} FROM users WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]), (rows) =>
          rows.map(toUser),
        ),
      findByEmail: (email) =>
        Effect.map(sql.readRows<UserRow>(`SELECT ${USERS.select} FROM users WHERE email = $1 AND deleted_at IS NULL`, [email]), one),
      // A nickname or verification change reaches the search documents as an AuthorChanged event (the use case records it).
      saveProfile: (u) =>
        Effect.asVoid(
          sql.rows(...statement((p) => `UPDATE users SET ${USERS.set(u, PROFILE, p)}, updated_at = now() WHERE id = ${p(u.id)}`)),
        ),
      // FOR NO KEY UPDATE, not FOR UPDATE: rows that reference the user (its questions, answers, ledger) take
      // KEY SHARE locks on insert, which FOR UPDATE would wait for — the deadlock of one user's parallel writes.
      findForUpdate: (id) =>
        Effect.map(
          sql.rows<UserRow>(`SELECT ${USERS.select} FROM users WHERE id = $1 AND deleted_at IS NULL FOR NO KEY UPDATE`, [id]),
          one,
        ),
      addToCounters: (id, d) =>
        Effect.map(
          sql.rows<UserRow>(
            `UPDATE users SET question_count = question_count + $2, answer_count = answer_count + $3, accepted_answer_count = accepted_answer_count + $4
             WHERE id = $1 AND deleted_at IS NULL RETURNING ${USERS.select}`,
            [id, d.questions ?? 0, d.answers ?? 0, d.accepted ?? 0],
          ),
          one,
        ),
      touch: (id, at) => Effect.asVoid(sql.rows("UPDATE users SET last_active_at = $2 WHERE id = $1", [id, at])),
    };
  }),
);
