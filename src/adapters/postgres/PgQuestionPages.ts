import { Effect, Layer } from "effect";
import { type QuestionPage, QuestionPages } from "../../application/ports/QuestionPages.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

/** ISO-8601 in UTC with milliseconds, as Date#toISOString writes it: the page's timestamps stay text. */
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The whole page in one statement and one round trip: the question, its answers in display order and
 * their authors' shown columns, built as JSON by PostgreSQL (named columns only, never `SELECT *`).
 */
export const QUESTION_PAGE_SQL = `
SELECT json_build_object(
  'question', json_build_object(
    'id', q.id, 'authorId', q.user_id, 'title', q.title, 'content', q.content, 'hashtags', q.hashtags,
    'regionCode', q.region_code, 'category', q.category, 'urgency', q.urgency, 'status', q.status,
    'location', CASE WHEN q.lat IS NULL OR q.lng IS NULL THEN NULL ELSE json_build_object('lat', q.lat, 'lng', q.lng) END,
    'locationDescription', q.location_description, 'locationIsPublic', q.location_public, 'images', q.images, 'viewCount', q.view_count,
    'likeCount', q.like_count, 'answerCount', q.answer_count, 'acceptedAnswerId', q.accepted_answer_id,
    'acceptedAt', ${iso("q.accepted_at")}, 'createdAt', ${iso("q.created_at")}, 'updatedAt', ${iso("q.updated_at")}),
  'answers', COALESCE((
    SELECT json_agg(json_build_object(
      'id', a.id, 'questionId', a.question_id, 'authorId', a.user_id, 'content', a.content, 'images', a.images,
      'likeCount', a.like_count, 'qualityScore', a.quality_score, 'isAccepted', a.is_accepted,
      'acceptedAt', ${iso("a.accepted_at")}, 'hiddenAt', ${iso("a.hidden_at")}, 'createdAt', ${iso("a.created_at")}, 'updatedAt', ${iso("a.updated_at")})
      ORDER BY a.is_accepted DESC, a.like_count DESC, a.created_at, a.id)
    FROM answers a WHERE a.question_id = q.id AND a.deleted_at IS NULL), '[]'::json),
  'authors', COALESCE((
    SELECT json_agg(json_build_object(
      'id', u.id, 'nickname', u.nickname,
      'regionCode', CASE WHEN u.privacy_settings->>'showRegion' = 'false' THEN NULL ELSE u.region_code END,
      'verificationLevel', u.verification_level, 'questionCount', u.question_count, 'answerCount', u.answer_count,
      'acceptedAnswerCount', u.accepted_answer_count, 'createdAt', ${iso("u.created_at")}) ORDER BY u.id)
    FROM users u
    WHERE u.id = q.user_id OR u.id IN (SELECT a.user_id FROM answers a WHERE a.question_id = q.id AND a.deleted_at IS NULL)), '[]'::json)
) AS page
FROM questions q WHERE q.id = $1 AND q.deleted_at IS NULL`;

export const PgQuestionPages = Layer.effect(
  QuestionPages,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      find: (id) =>
        UUID.test(id)
          ? Effect.map(sql.readRows<{ page: QuestionPage }>(QUESTION_PAGE_SQL, [id]), (rows) => rows[0]?.page)
          : Effect.succeed(undefined),
    };
  }),
);
