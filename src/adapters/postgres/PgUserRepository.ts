import { Effect, Layer } from "effect";
import { UserRepository } from "../../application/ports/UserRepository.js";
import type { User } from "../../domain/user/user.js";
import { PgDatabase } from "./PgDatabase.js";
import { enqueueQuestionsOf, SearchOutboxEnabled } from "./PgSearchOutbox.js";
import { toUser, type UserRow } from "./rows.js";
import { makeSql } from "./sql.js";

export const PgUserRepository = Layer.effect(
  UserRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    const outbox: boolean = yield* SearchOutboxEnabled;
    const one = (rows: readonly UserRow[]) => (rows[0] ? toUser(rows[0]) : undefined);
    return {
      insert: (u: User) =>
        sql
          .query(
            `INSERT INTO users (id, email, password_hash, nickname, region_code, verification_level, verified_days, point_balance,
               total_earned_points, question_count, answer_count, accepted_answer_count, notification_settings, privacy_settings,
               created_at, updated_at, last_active_at, deleted_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18)`,
            [
              u.id,
              u.email,
              u.passwordHash,
              u.nickname,
              u.regionCode,
              u.verificationLevel,
              u.verifiedDays,
              u.pointBalance,
              u.totalEarnedPoints,
              u.questionCount,
              u.answerCount,
              u.acceptedAnswerCount,
              u.notificationSettings,
              u.privacySettings,
              u.createdAt,
              u.updatedAt,
              u.lastActiveAt,
              u.deletedAt,
            ],
          )
          .pipe(
            Effect.asVoid,
            Effect.catch((e) =>
              e.code === "23505" && e.constraint === "users_email_live" ? Effect.fail({ _tag: "EmailTaken" as const }) : Effect.die(e),
            ),
          ),
      findById: (id) => Effect.map(sql.readRows<UserRow>("SELECT * FROM users WHERE id = $1", [id]), one),
      findByIds: (ids) =>
        Effect.map(sql.readRows<UserRow>("SELECT * FROM users WHERE id = ANY($1::uuid[])", [[...new Set(ids)]]), (rows) =>
          rows.map(toUser),
        ),
      findByEmail: (email) =>
        Effect.map(sql.readRows<UserRow>("SELECT * FROM users WHERE email = $1 AND deleted_at IS NULL", [email]), one),
      // A nickname or verification change shows in the author's questions' search documents.
      saveProfile: (u) =>
        sql.transact(
          Effect.gen(function* () {
            yield* sql.rows(
              `UPDATE users SET email=$2, password_hash=$3, nickname=$4, region_code=$5, verification_level=$6, verified_days=$7,
                 notification_settings=$8, privacy_settings=$9, last_active_at=$10, deleted_at=$11, updated_at=now() WHERE id=$1`,
              [
                u.id,
                u.email,
                u.passwordHash,
                u.nickname,
                u.regionCode,
                u.verificationLevel,
                u.verifiedDays,
                u.notificationSettings,
                u.privacySettings,
                u.lastActiveAt,
                u.deletedAt,
              ],
            );
            yield* enqueueQuestionsOf(sql, outbox, u.id);
          }),
        ),
      // FOR NO KEY UPDATE, not FOR UPDATE: rows that reference the user (its questions, answers, ledger) take
      // KEY SHARE locks on insert, which FOR UPDATE would wait for — the deadlock of one user's parallel writes.
      findForUpdate: (id) =>
        Effect.map(sql.rows<UserRow>("SELECT * FROM users WHERE id = $1 AND deleted_at IS NULL FOR NO KEY UPDATE", [id]), one),
      addToCounters: (id, d) =>
        Effect.map(
          sql.rows<UserRow>(
            `UPDATE users SET question_count = question_count + $2, answer_count = answer_count + $3, accepted_answer_count = accepted_answer_count + $4
             WHERE id = $1 AND deleted_at IS NULL RETURNING *`,
            [id, d.questions ?? 0, d.answers ?? 0, d.accepted ?? 0],
          ),
          one,
        ),
      touch: (id, at) => Effect.asVoid(sql.rows("UPDATE users SET last_active_at = $2 WHERE id = $1", [id, at])),
    };
  }),
);
