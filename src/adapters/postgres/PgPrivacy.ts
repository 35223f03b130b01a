import { Effect, Layer } from "effect";
import { ConsentRepository } from "../../application/ports/ConsentRepository.js";
import { LocationLog } from "../../application/ports/LocationLog.js";
import { PersonalData } from "../../application/ports/PersonalData.js";
import { PrivacyAudit, type TouchSource } from "../../application/ports/PrivacyAudit.js";
import type { ConsentKind } from "../../domain/privacy/consent.js";
import type { LocationPurpose } from "../../domain/privacy/location.js";
import { QuestionId, UserId } from "../../domain/shared/ids.js";
import { PgDatabase } from "./PgDatabase.js";
import { ANSWERS, type AnswerRow, QUESTIONS, type QuestionRow, toAnswer, toQuestion } from "./rows.js";
import { makeSql } from "./sql.js";

const count = (rows: readonly { readonly n: number | string }[]) => Number(rows[0]?.n ?? 0);

export const PgConsentRepository = Layer.effect(
  ConsentRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      record: (decisions) =>
        decisions.length === 0
          ? Effect.void
          : Effect.asVoid(
              sql.rows(
                `INSERT INTO user_consents (user_id, kind, version, granted, recorded_at)
                 SELECT * FROM unnest($1::uuid[], $2::text[], $3::varchar[], $4::boolean[], $5::timestamptz[])`,
                [
                  decisions.map((d) => d.userId),
                  decisions.map((d) => d.kind),
                  decisions.map((d) => d.version),
                  decisions.map((d) => d.granted),
                  decisions.map((d) => d.recordedAt),
                ],
              ),
            ),
      // The primary: a decision just made gates the next request.
      historyOf: (userId) =>
        Effect.map(
          sql.primaryRows<{ kind: ConsentKind; version: string; granted: boolean; recorded_at: Date }>(
            "SELECT kind, version, granted, recorded_at FROM user_consents WHERE user_id = $1 ORDER BY id DESC",
            [userId],
          ),
          (rows) => rows.map((r) => ({ userId, kind: r.kind, version: r.version, granted: r.granted, recordedAt: r.recorded_at })),
        ),
      eraseFor: (userId) =>
        Effect.map(
          sql.rows<{ n: number }>(
            "WITH gone AS (DELETE FROM user_consents WHERE user_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone",
            [userId],
          ),
          count,
        ),
    };
  }),
);

export const PgLocationLog = Layer.effect(
  LocationLog,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      append: (u) =>
        Effect.asVoid(
          sql.rows("INSERT INTO location_use_records (user_id, purpose, recipient, reference, used_at) VALUES ($1, $2, $3, $4, $5)", [
            u.userId,
            u.purpose,
            u.recipient,
            u.reference,
            u.usedAt,
          ]),
        ),
      listFor: (userId, limit) =>
        Effect.map(
          sql.primaryRows<{ id: string; purpose: LocationPurpose; recipient: string | null; reference: string | null; used_at: Date }>(
            `SELECT id::text, purpose, recipient, reference, used_at FROM location_use_records WHERE user_id = $1
             ORDER BY used_at DESC, id DESC LIMIT $2`,
            [userId, limit],
          ),
          (rows) =>
            rows.map((r) => ({ id: r.id, userId, purpose: r.purpose, recipient: r.recipient, reference: r.reference, usedAt: r.used_at })),
        ),
      purgeBefore: (before) =>
        Effect.map(
          sql.rows<{ n: number }>(
            "WITH gone AS (DELETE FROM location_use_records WHERE used_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone",
            [before],
          ),
          count,
        ),
      eraseFor: (userId) =>
        Effect.map(
          sql.rows<{ n: number }>(
            "WITH gone AS (DELETE FROM location_use_records WHERE user_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone",
            [userId],
          ),
          count,
        ),
    };
  }),
);

export const PgPrivacyAudit = Layer.effect(
  PrivacyAudit,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      recordRead: (r) =>
        Effect.asVoid(
          sql.rows("INSERT INTO personal_data_reads (admin_id, subject_user_id, what, read_at) VALUES ($1, $2, $3, $4)", [
            r.adminId,
            r.subjectUserId,
            r.what,
            r.at,
          ]),
        ),
      readsOf: (subject) =>
        Effect.map(
          sql.primaryRows<{ admin_id: string; what: string; read_at: Date }>(
            "SELECT admin_id, what, read_at FROM personal_data_reads WHERE subject_user_id = $1 ORDER BY id",
            [subject],
          ),
          (rows) => rows.map((r) => ({ adminId: UserId(r.admin_id), subjectUserId: subject, what: r.what, at: r.read_at })),
        ),
      recordDeletion: (d) =>
        Effect.asVoid(
          sql.rows(
            "INSERT INTO account_deletions (deleted_at, questions_kept, answers_kept, ledger_rows_kept, images_removed) VALUES ($1, $2, $3, $4, $5)",
            [d.at, d.questionsKept, d.answersKept, d.ledgerRowsKept, d.imagesRemoved],
          ),
        ),
      deletionsBetween: (from, to) =>
        Effect.map(
          sql.primaryRows<{
            deleted_at: Date;
            questions_kept: number;
            answers_kept: number;
            ledger_rows_kept: number;
            images_removed: number;
          }>(
            `SELECT deleted_at, questions_kept, answers_kept, ledger_rows_kept, images_removed FROM account_deletions
             WHERE deleted_at >= $1 AND deleted_at < $2 ORDER BY id`,
            [from, to],
          ),
          (rows) =>
            rows.map((r) => ({
              at: r.deleted_at,
              questionsKept: r.questions_kept,
              answersKept: r.answers_kept,
              ledgerRowsKept: r.ledger_rows_kept,
              imagesRemoved: r.images_removed,
            })),
        ),
      touchedBetween: (from, to) =>
        Effect.map(
          sql.primaryRows<{ user_id: string; sources: TouchSource[] }>(
            `SELECT user_id::text, array_agg(DISTINCT source ORDER BY source) AS sources FROM (
               SELECT subject_user_id AS user_id, 'admin_read' AS source FROM personal_data_reads WHERE read_at >= $1 AND read_at < $2
               UNION ALL SELECT user_id, 'location_use' FROM location_use_records WHERE used_at >= $1 AND used_at < $2
               UNION ALL SELECT user_id, 'session' FROM sessions WHERE created_at < $2 AND last_seen_at >= $1
             ) t GROUP BY user_id ORDER BY user_id::text`,
            [from, to],
          ),
          (rows) => rows.map((r) => ({ userId: UserId(r.user_id), sources: r.sources })),
        ),
    };
  }),
);

const CLEAR_LOCATIONS = `UPDATE questions SET lat = NULL, lng = NULL, earth_pos = NULL, location_description = NULL, location_public = false, updated_at = now()
  WHERE user_id = $1 AND (lat IS NOT NULL OR location_description IS NOT NULL) RETURNING id`;

export const PgPersonalData = Layer.effect(
  PersonalData,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      contentOf: (userId) =>
        Effect.gen(function* () {
          const questions = yield* sql.primaryRows<QuestionRow>(
            `SELECT ${QUESTIONS.select} FROM questions WHERE user_id = $1 ORDER BY created_at, id`,
            [userId],
          );
          const answers = yield* sql.primaryRows<AnswerRow>(
            `SELECT ${ANSWERS.select} FROM answers WHERE user_id = $1 ORDER BY created_at, id`,
            [userId],
          );
          return { questions: questions.map(toQuestion), answers: answers.map(toAnswer) };
        }),
      purgeExpired: ({ notificationsBefore, hashtagUsesBefore }) =>
        Effect.gen(function* () {
          const n = yield* sql.rows<{ n: number }>(
            "WITH gone AS (DELETE FROM notifications WHERE created_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone",
            [notificationsBefore],
          );
          const h = yield* sql.rows<{ n: number }>(
            "WITH gone AS (DELETE FROM hashtag_uses WHERE used_at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone",
            [hashtagUsesBefore],
          );
          return { notifications: count(n), hashtagUses: count(h) };
        }),
      clearLocations: (userId) =>
        Effect.map(sql.rows<{ id: string }>(CLEAR_LOCATIONS, [userId]), (rows) => rows.map((r) => QuestionId(r.id))),
      eraseTraces: (userId, replacementNickname) =>
        Effect.gen(function* () {
          // Recorded events carry the text and author name of a question as written, and notifications whole.
          yield* sql.rows(
            `UPDATE domain_events SET payload = jsonb_set(payload, '{text,authorNickname}', to_jsonb($2::text))
             WHERE payload ? 'text' AND aggregate IN (SELECT 'question:' || id FROM questions WHERE user_id = $1)`,
            [userId, replacementNickname],
          );
          yield* sql.rows("DELETE FROM domain_events WHERE aggregate = 'user:' || $1 AND type = 'NotificationCreated'", [userId]);
          yield* sql.rows("DELETE FROM notifications WHERE user_id = $1", [userId]);
          yield* sql.rows("DELETE FROM user_badges WHERE user_id = $1", [userId]);
          // Which urgent questions reached them (each local once per question): theirs, not the community's.
          yield* sql.rows("DELETE FROM escalation_notices WHERE user_id = $1", [userId]);
          yield* sql.rows("DELETE FROM idempotency_keys WHERE user_id = $1", [userId]);
          yield* sql.rows(CLEAR_LOCATIONS, [userId]);
          const questions = yield* sql.rows<{ id: string }>("SELECT id FROM questions WHERE user_id = $1", [userId]);
          const answered = yield* sql.rows<{ question_id: string; n: number }>(
            "SELECT question_id, count(*)::int AS n FROM answers WHERE user_id = $1 GROUP BY question_id",
            [userId],
          );
          const ledger = yield* sql.rows<{ n: number }>("SELECT count(*)::int AS n FROM point_transactions WHERE user_id = $1", [userId]);
          return {
            questionIds: questions.map((r) => QuestionId(r.id)),
            answeredQuestionIds: answered.map((r) => QuestionId(r.question_id)),
            answers: answered.reduce((n, r) => n + r.n, 0),
            ledgerRows: count(ledger),
          };
        }),
    };
  }),
);
