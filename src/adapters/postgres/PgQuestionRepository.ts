import { Effect, Layer } from "effect";
import { type QuestionQuery, QuestionRepository } from "../../application/ports/QuestionRepository.js";
import type { QuestionSort, SortKey } from "../../domain/question/ordering.js";
import { popularityRank } from "../../domain/question/popularity.js";
import { type Question, URGENCIES } from "../../domain/question/question.js";
import { distanceKm } from "../../domain/shared/geo.js";
import type { QuestionId } from "../../domain/shared/ids.js";
import { statement } from "./columns.js";
import { LISTED } from "./listed.js";
import { PgDatabase } from "./PgDatabase.js";
import { QUESTIONS, type QuestionRow, toQuestion } from "./rows.js";
import { makeSql, paramList } from "./sql.js";

type Column = { readonly sql: string; readonly desc: boolean; readonly fromKey: (k: number | string) => unknown };

const byNumber = (desc: boolean) => (k: number | string) => (desc ? -Number(k) : Number(k));
const created = (desc: boolean): Column => ({ sql: "created_at", desc, fromKey: (k) => new Date(Math.abs(Number(k))) });
const id: Column = { sql: "id", desc: false, fromKey: (k) => String(k) };

/** The SQL twin of the domain's sortKey: same columns, same directions, so a domain cursor resumes here. */
const SORTS: Record<QuestionSort, readonly Column[]> = {
  newest: [created(true), id],
  oldest: [created(false), id],
  popular: [{ sql: "popularity_rank", desc: true, fromKey: byNumber(true) }, created(true), id],
  most_answers: [{ sql: "answer_count", desc: true, fromKey: byNumber(true) }, created(true), id],
  most_views: [{ sql: "view_count", desc: true, fromKey: byNumber(true) }, created(true), id],
  urgent: [{ sql: "urgency", desc: true, fromKey: (k) => URGENCIES[-Number(k)] }, created(true), id],
};

/** What a save writes: the counters move only through addToCounters, the location and author never. */
const EDITABLE = [
  "title",
  "content",
  "hashtags",
  "region_code",
  "category",
  "urgency",
  "status",
  "accepted_answer_id",
  "accepted_at",
  "images",
  "updated_at",
  "deleted_at",
] as const;

// earthdistance's sphere (6378.168 km) is a little larger than the domain's; filter with a margin, measure in the domain.
// Ordering by the cube's chord distance (<->, served by the GiST index as a nearest-first scan) is the great-circle order.
const EARTH_RADIUS_MARGIN = 1.002;

/** What the popularity rank is computed from, as the counter writes read it. */
interface CounterRow {
  view_count: number;
  answer_count: number;
  like_count: number;
  urgency: Question["urgency"];
  created_at: Date;
}

export const PgQuestionRepository = Layer.effect(
  QuestionRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    const one = (rows: readonly QuestionRow[]) => (rows[0] ? toQuestion(rows[0]) : undefined);

    const keysetAfter = (columns: readonly Column[], key: SortKey, p: (v: unknown) => string) =>
      `(${columns
        .map((col, i) => {
          const equalities = columns.slice(0, i).map((prev, j) => `${prev.sql} = ${p(prev.fromKey(key[j] as number | string))}`);
          return `(${[...equalities, `${col.sql} ${col.desc ? "<" : ">"} ${p(col.fromKey(key[i] as number | string))}`].join(" AND ")})`;
        })
        .join(" OR ")})`;

    const list = (q: QuestionQuery) => {
      const { params, p } = paramList();
      const where = [LISTED];
      if (q.regionCodes) where.push(`region_code = ANY(${p(q.regionCodes)}::varchar[])`);
      if (q.category) where.push(`category = ${p(q.category)}`);
      if (q.statuses) where.push(`status = ANY(${p(q.statuses)}::question_status[])`);
      if (q.authorId) where.push(`user_id = ${p(q.authorId)}`);
      const columns = SORTS[q.sort];
      if (q.after) where.push(keysetAfter(columns, q.after, p));
      const order = columns.map((c) => `${c.sql} ${c.desc ? "DESC" : "ASC"}`).join(", ");
      return Effect.map(
        sql.readRows<QuestionRow>(
          `SELECT ${QUESTIONS.select} FROM questions WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ${p(q.limit)}`,
          params,
        ),
        (rows) => rows.map(toQuestion),
      );
    };

    // Search rows are not written here: the search projection follows the recorded events (see eventRows.ts).
    return {
      insert: (q: Question) => Effect.asVoid(sql.rows(...statement((p) => QUESTIONS.insert(q, p)))),
      findById: (qid) => Effect.map(sql.readRows<QuestionRow>(`SELECT ${QUESTIONS.select} FROM questions WHERE id = $1`, [qid]), one),
      findByIds: (ids) =>
        Effect.map(
          sql.readRows<QuestionRow>(`SELECT ${QUESTIONS.select} FROM questions WHERE id = ANY($1::uuid[])`, [[...new Set(ids)]]),
          (rows) => rows.map(toQuestion),
        ),
      // NO KEY UPDATE: it still serializes acceptances, and never waits for the KEY SHARE locks that new answers and likes take.
      findForUpdate: (qid) =>
        Effect.map(sql.rows<QuestionRow>(`SELECT ${QUESTIONS.select} FROM questions WHERE id = $1 FOR NO KEY UPDATE`, [qid]), one),
      findForUpdateByAnswer: (answerId) =>
        Effect.map(
          sql.rows<QuestionRow>(
            `SELECT ${QUESTIONS.select} FROM questions WHERE id = (SELECT question_id FROM answers WHERE id = $1) FOR NO KEY UPDATE`,
            [answerId],
          ),
          one,
        ),
      save: (q) =>
        Effect.asVoid(sql.rows(...statement((p) => `UPDATE questions SET ${QUESTIONS.set(q, EDITABLE, p)} WHERE id = ${p(q.id)}`))),
      list,
      // Nearest first straight from the GiST index (a tie-breaker column in ORDER BY would make PostgreSQL read
      // every match and sort). The order stays stable without it: ten rows more than asked for are read and
      // sorted here by exact distance, then id.
      nearby: ({ center, radiusKm, limit }) =>
        Effect.map(
          sql.readRows<QuestionRow>(
            `SELECT ${QUESTIONS.select} FROM questions
             WHERE ${LISTED} AND earth_box(ll_to_earth($1, $2), $3) @> earth_pos AND earth_distance(ll_to_earth($1, $2), earth_pos) <= $3
             ORDER BY earth_pos <-> ll_to_earth($1, $2) LIMIT $4`,
            [center.lat, center.lng, radiusKm * 1000 * EARTH_RADIUS_MARGIN, limit + 10],
          ),
          (rows) =>
            rows
              .map(toQuestion)
              .map((question) => ({
                question,
                distanceKm: question.location ? distanceKm(center, question.location) : Number.POSITIVE_INFINITY,
              }))
              .filter((r) => r.distanceKm <= radiusKm)
              .sort((a, b) => a.distanceKm - b.distanceKm || (a.question.id < b.question.id ? -1 : 1))
              .slice(0, limit),
        ),
      addToCounters: (qid, d): Effect.Effect<number | undefined> =>
        sql.transact(
          Effect.gen(function* () {
            const [row] = yield* sql.rows<CounterRow>(
              `UPDATE questions SET view_count = view_count + $2, answer_count = answer_count + $3, like_count = like_count + $4
               WHERE id = $1 RETURNING view_count, answer_count, like_count, urgency, created_at`,
              [qid, d.views ?? 0, d.answers ?? 0, d.likes ?? 0],
            );
            if (!row) return undefined;
            const rank = popularityRank({
              viewCount: row.view_count,
              answerCount: row.answer_count,
              likeCount: row.like_count,
              urgency: row.urgency,
              createdAt: row.created_at,
            });
            yield* sql.rows("UPDATE questions SET popularity_rank = $2 WHERE id = $1", [qid, rank]);
            return row.view_count;
          }),
        ),
      addViews: (views): Effect.Effect<ReadonlyMap<QuestionId, number>> => {
        const ids = [...views.keys()].sort();
        if (ids.length === 0) return Effect.succeed(new Map());
        return sql.transact(
          Effect.gen(function* () {
            // Locked in id order (two write-backs sharing questions cannot deadlock) and read, so the new count and
            // rank go in one UPDATE: one new row version per question, not two (every index of the table takes each).
            const rows = yield* sql.rows<CounterRow & { id: QuestionId }>(
              `SELECT id, view_count, answer_count, like_count, urgency, created_at FROM questions
               WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
              [ids],
            );
            const after = rows.map((row) => {
              const viewCount = row.view_count + (views.get(row.id) ?? 0);
              const rank = popularityRank({
                viewCount,
                answerCount: row.answer_count,
                likeCount: row.like_count,
                urgency: row.urgency,
                createdAt: row.created_at,
              });
              return { id: row.id, viewCount, rank };
            });
            if (after.length > 0)
              yield* sql.rows(
                `UPDATE questions q SET view_count = v.views, popularity_rank = v.rank
                 FROM unnest($1::uuid[], $2::int[], $3::float8[]) AS v(id, views, rank) WHERE q.id = v.id`,
                [after.map((a) => a.id), after.map((a) => a.viewCount), after.map((a) => a.rank)],
              );
            return new Map(after.map((a) => [a.id, a.viewCount]));
          }),
        );
      },
    };
  }),
);
