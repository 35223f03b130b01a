import { Effect, Layer } from "effect";
import {
  type Facet,
  SearchIndex,
  type SearchPage,
  type SearchRequest,
  type SearchSort,
  similarSearch,
} from "../../application/ports/SearchIndex.js";
import { FIELD_WEIGHTS, FULL_MATCH_BONUS } from "../../domain/search/document.js";
import { minimumMatch, type ParsedQuery, type QueryTerm, requiredTerms } from "../../domain/search/query.js";
import { facetsOf, typoMatches } from "../../domain/search/results.js";
import { distanceKm } from "../../domain/shared/geo.js";
import { LISTED, listedAs } from "./listed.js";
import { PgDatabase } from "./PgDatabase.js";
import { QUESTIONS, type QuestionRow, toQuestion } from "./rows.js";
import { makeSql, paramList } from "./sql.js";

const ORDER: Record<SearchSort, string> = {
  relevance: "score DESC, q.created_at DESC, q.id",
  newest: "q.created_at DESC, q.id",
  oldest: "q.created_at, q.id",
  popular: "q.popularity_rank DESC, q.created_at DESC, q.id",
  most_answers: "q.answer_count DESC, q.created_at DESC, q.id",
  most_views: "q.view_count DESC, q.created_at DESC, q.id",
  urgent: "q.urgency DESC, q.created_at DESC, q.id",
};
const EARTH_RADIUS_MARGIN = 1.002;
const TYPO_CANDIDATES = 500;
const TYPO_CANDIDATE_SIMILARITY = 0.25;
/** Rows a relaxed pass scores by field weights, after ranking all its matches by terms held. */
const RELAXED_CANDIDATES = 500;

/** The SQL twin of the domain's termWeight: the best field an alternative's grams all fall in. */
const termSql = (t: QueryTerm, p: (v: unknown) => string) => {
  const alts = t.alternatives.map((a) => p(a));
  const matches = alts.map((a) => `s.all_grams @> ${a}::text[]`).join(" OR ");
  const weight = `GREATEST(${alts
    .map(
      (a) =>
        `CASE WHEN s.title_grams @> ${a}::text[] THEN ${FIELD_WEIGHTS.title} WHEN s.tag_grams @> ${a}::text[] THEN ${FIELD_WEIGHTS.tags} WHEN s.body_grams @> ${a}::text[] THEN ${FIELD_WEIGHTS.body} WHEN s.name_grams @> ${a}::text[] THEN ${FIELD_WEIGHTS.name} ELSE 0 END`,
    )
    .join(", ")})`;
  return { matches: `(${matches})`, weight, grams: t.alternatives.flat() };
};

/**
 * A text match condition and its score, for the strict or relaxed pass: the domain's scoreTerms in
 * SQL (required terms all, or at least `atLeast` of them; optional terms only score; full matches
 * earn the bonus that ranks them first).
 */
const textSql = (
  q: ParsedQuery,
  p: (v: unknown) => string,
  relaxed: boolean,
  atLeast?: number,
): { where: string; score: string; hits?: string } => {
  switch (q.kind) {
    case "all":
      return { where: "TRUE", score: "0" };
    case "choseong":
      return { where: `s.title_choseong LIKE ${p(`%${q.choseong.replace(/[\\%_]/gu, "\\$&")}%`)}`, score: String(FIELD_WEIGHTS.title) };
    case "terms": {
      const sqls = q.terms.map((t) => ({ ...termSql(t, p), optional: t.optional }));
      const required = sqls.filter((t) => !t.optional);
      const all = required.map((t) => t.matches).join(" AND ") || "TRUE";
      const need = Math.min(required.length, atLeast ?? minimumMatch(required.length));
      const where =
        relaxed && need < required.length
          ? // One GIN scan for rows holding any gram of any term (an OR of containments made the planner scan every row), then the count.
            `s.all_grams && ${p([...new Set(required.flatMap((t) => t.grams))])}::text[] AND (${required.map((t) => `(CASE WHEN ${t.matches} THEN 1 ELSE 0 END)`).join(" + ")}) >= ${need}`
          : all;
      const own = {
        where,
        score: `${sqls.map((t) => t.weight).join(" + ") || "0"} + CASE WHEN ${all} THEN ${FULL_MATCH_BONUS} ELSE 0 END`,
        hits: required.map((t) => `(CASE WHEN ${t.matches} THEN 1 ELSE 0 END)`).join(" + ") || "0",
      };
      if (!q.alsoAs) return own;
      const other = textSql(q.alsoAs, p, relaxed, atLeast);
      return {
        where: `((${own.where}) OR (${other.where}))`,
        score: `GREATEST(CASE WHEN ${own.where} THEN ${own.score} ELSE 0 END, CASE WHEN ${other.where} THEN ${other.score} ELSE 0 END)`,
      };
    }
  }
};

const NO_FACETS: SearchPage["facets"] = { categories: [], regions: [], hashtags: [] };
export const PgSearchIndex = Layer.effect(
  SearchIndex,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);

    const filtersSql = (r: SearchRequest, p: (v: unknown) => string) => {
      const f = r.filters;
      const where = [listedAs("q")];
      if (f.regionCodes) where.push(`q.region_code = ANY(${p(f.regionCodes)}::varchar[])`);
      if (f.category) where.push(`q.category = ${p(f.category)}`);
      if (f.hashtags) where.push(`q.hashtags && ${p(f.hashtags)}::text[]`);
      if (f.urgency) where.push(`q.urgency = ${p(f.urgency)}`);
      if (f.hasAnswers !== undefined) where.push(f.hasAnswers ? "q.answer_count > 0" : "q.answer_count = 0");
      if (f.localOnly) where.push("EXISTS (SELECT 1 FROM users u WHERE u.id = q.user_id AND u.is_local_verified)");
      if (f.dateFrom) where.push(`q.created_at >= ${p(f.dateFrom)}`);
      if (f.dateTo) where.push(`q.created_at <= ${p(f.dateTo)}`);
      if (f.statuses) where.push(`q.status::text = ANY(${p(f.statuses)}::text[])`);
      if (r.near) {
        const center = `ll_to_earth(${p(r.near.center.lat)}, ${p(r.near.center.lng)})`;
        const radius = p(r.near.radiusKm * 1000 * EARTH_RADIUS_MARGIN);
        where.push(
          `q.earth_pos IS NOT NULL AND earth_box(${center}, ${radius}) @> q.earth_pos AND earth_distance(${center}, q.earth_pos) <= ${radius}`,
        );
      }
      return where;
    };

    const hitsOf = (rows: readonly (QuestionRow & { score: number })[], r: SearchRequest) =>
      rows
        .map((row) => {
          const question = toQuestion(row);
          const d = r.near && question.location ? distanceKm(r.near.center, question.location) : null;
          return { question, score: Number(row.score), distanceKm: d };
        })
        .filter((h) => !r.near || (h.distanceKm !== null && h.distanceKm <= r.near.radiusKm));

    // `similar` wants hits only: facets are left empty rather than counted.
    const pageWithoutFacets = (rows: readonly (QuestionRow & { score: number; total: number })[], r: SearchRequest): SearchPage => ({
      hits: hitsOf(rows, r),
      total: Number(rows[0]?.total ?? 0),
      facets: NO_FACETS,
    });

    const facetsFromRows = (rows: readonly { kind: string; key: string; n: number }[]) => {
      const pick = (kind: string): Facet[] =>
        rows
          .filter((x) => x.kind === kind)
          .map((x) => ({ key: x.key, count: x.n }))
          .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
      return { categories: pick("c"), regions: pick("r"), hashtags: pick("h").slice(0, 30) };
    };

    /** The strict or relaxed pass; `similar` needs no facets, so it skips their query. */
    /**
     * The relaxed pass by relevance in two stages: a relaxed query of common words can match most rows,
     * so the rows are first ranked by how many required terms they hold (one cheap check per term),
     * and only the best RELAXED_CANDIDATES are scored by field weights.
     */
    const relaxedByRelevance = (r: SearchRequest, withFacets: boolean) =>
      Effect.gen(function* () {
        const { params, p } = paramList();
        const text = textSql(r.query, p, true, r.atLeast);
        const matched = `SELECT q.id, q.created_at, q.category, q.region_code, q.hashtags, ${text.hits ?? "0"} AS hits FROM questions q JOIN question_search s ON s.question_id = q.id WHERE ${[...filtersSql(r, p), text.where].join(" AND ")}`;
        const page = yield* sql.readRows<QuestionRow & { score: number; total: number }>(
          `WITH matched AS (${matched}),
                top AS (SELECT id FROM matched ORDER BY hits DESC, created_at DESC, id LIMIT ${p(Math.max(RELAXED_CANDIDATES, r.offset + r.limit))})
           SELECT ${QUESTIONS.selectAs("q")}, ${text.score} AS score, (SELECT count(*) FROM matched) AS total
           FROM top JOIN questions q ON q.id = top.id JOIN question_search s ON s.question_id = q.id
           ORDER BY score DESC, q.created_at DESC, q.id LIMIT ${p(r.limit)} OFFSET ${p(r.offset)}`,
          params,
        );
        if (!withFacets) return pageWithoutFacets(page, r);
        // Facets over the same matches, in a statement of their own whose parameters are all used (optional terms only score).
        const f = paramList();
        const facetQuery = r.query.kind === "terms" ? { ...r.query, terms: requiredTerms(r.query.terms) } : r.query;
        const facetMatched = `SELECT q.category, q.region_code, q.hashtags FROM questions q JOIN question_search s ON s.question_id = q.id WHERE ${[...filtersSql(r, f.p), textSql(facetQuery, f.p, true, r.atLeast).where].join(" AND ")}`;
        const facets = yield* sql.readRows<{ kind: string; key: string; n: number }>(
          `WITH matched AS (${facetMatched})
           SELECT 'c' AS kind, category AS key, count(*) AS n FROM matched GROUP BY category
           UNION ALL SELECT 'r', region_code, count(*) FROM matched GROUP BY region_code
           UNION ALL SELECT 'h', tag, count(*) FROM matched, unnest(hashtags) AS tag GROUP BY tag`,
          f.params,
        );
        const total = facets.filter((f) => f.kind === "c").reduce((n, f) => n + f.n, 0);
        return { hits: hitsOf(page, r), total, facets: facetsFromRows(facets) } satisfies SearchPage;
      });

    const exact = (r: SearchRequest, withFacets = true): Effect.Effect<SearchPage> =>
      Effect.gen(function* () {
        if (r.relaxed === true && r.sort === "relevance" && r.query.kind === "terms" && !r.query.alsoAs)
          return yield* relaxedByRelevance(r, withFacets);
        const { params, p } = paramList();
        const text = textSql(r.query, p, r.relaxed === true, r.atLeast);
        // popularity_rank is not read into questions, but the popularity sort orders by it.
        const matched = `SELECT ${QUESTIONS.selectAs("q")}, q.popularity_rank, ${text.score} AS score FROM questions q JOIN question_search s ON s.question_id = q.id WHERE ${[...filtersSql(r, p), text.where].join(" AND ")}`;
        const page = yield* sql.readRows<QuestionRow & { score: number; total: number }>(
          `WITH matched AS (${matched}) SELECT ${QUESTIONS.select}, score, count(*) OVER () AS total FROM matched q ORDER BY ${ORDER[r.sort]} LIMIT ${p(r.limit)} OFFSET ${p(r.offset)}`,
          params,
        );
        if (!withFacets) return pageWithoutFacets(page, r);
        const facets = yield* sql.readRows<{ kind: string; key: string; n: number }>(
          `WITH matched AS (${matched})
           SELECT 'c' AS kind, category AS key, count(*) AS n FROM matched GROUP BY category
           UNION ALL SELECT 'r', region_code, count(*) FROM matched GROUP BY region_code
           UNION ALL SELECT 'h', tag, count(*) FROM matched, unnest(hashtags) AS tag GROUP BY tag`,
          params.slice(0, params.length - 2),
        );
        const total = facets.filter((f) => f.kind === "c").reduce((s, f) => s + f.n, 0);
        return { hits: hitsOf(page, r), total, facets: facetsFromRows(facets) } satisfies SearchPage;
      });

    /** Typo pass: trigram candidates from the jamo index, the final word from the domain's jamo edit distance. */
    const tolerant = (r: SearchRequest) =>
      Effect.gen(function* () {
        if (r.query.kind !== "terms") return { hits: [], total: 0, facets: NO_FACETS } satisfies SearchPage;
        const jamo = r.query.jamo;
        const { params, p } = paramList();
        // `<%` lets the trigram index pick candidates; the threshold is generous (short words share few trigrams).
        const rows = yield* sql.transact(
          Effect.gen(function* () {
            yield* sql.rows("SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)", [String(TYPO_CANDIDATE_SIMILARITY)]);
            return yield* sql.rows<QuestionRow & { title_jamo: string; score: number }>(
              `SELECT ${QUESTIONS.selectAs("q")}, s.title_jamo, 0 AS score
               FROM questions q JOIN question_search s ON s.question_id = q.id
               WHERE ${[...filtersSql(r, p), `${p(jamo)} <% s.title_jamo`].join(" AND ")}
               ORDER BY word_similarity(${p(jamo)}, s.title_jamo) DESC LIMIT ${TYPO_CANDIDATES}`,
              params,
            );
          }),
        );
        const byId = new Map(rows.map((row) => [row.id, row]));
        const matched = typoMatches(rows.map(toQuestion), jamo);
        const hits = hitsOf(
          matched.flatMap((m) => {
            const row = byId.get(m.question.id);
            return row ? [{ ...row, score: m.score }] : [];
          }),
          r,
        );
        return {
          hits: hits.slice(r.offset, r.offset + r.limit),
          total: hits.length,
          facets: facetsOf(hits.map((h) => h.question)),
        } satisfies SearchPage;
      });

    return {
      search: (r) => (r.allowTypos ? tolerant(r) : exact(r)),
      similar: (r) => Effect.map(exact(similarSearch(r), false), (page) => ({ questions: page.hits.map((h) => h.question) })),
      // Within a region: its code is a prefix of its sub-regions' codes (KR-49-01 → KR-49-01-02).
      suggest: (prefix, size, regionCode) =>
        Effect.map(
          sql.readRows<{ title: string }>(
            `SELECT q.title FROM questions q JOIN question_search s ON s.question_id = q.id
             WHERE ${listedAs("q")} AND (lower(q.title) LIKE $1 OR s.title_choseong LIKE $2)
               AND ($4::text IS NULL OR q.region_code = $4 OR q.region_code LIKE $4 || '-%')
             ORDER BY q.popularity_rank DESC, q.created_at DESC LIMIT $3`,
            [
              `${prefix.replace(/[\\%_]/gu, "\\$&")}%`,
              `${prefix.replace(/\s+/gu, "").replace(/[\\%_]/gu, "\\$&")}%`,
              size,
              regionCode ?? null,
            ],
          ),
          (rows) => ({ titles: rows.map((r) => r.title) }),
        ),
      categoryCountsSince: (since) =>
        Effect.map(
          sql.readRows<{ key: string; count: number }>(
            `SELECT category AS key, count(*) AS count FROM questions WHERE ${LISTED} AND created_at >= $1
             GROUP BY category ORDER BY count(*) DESC, category`,
            [since],
          ),
          (rows) => ({ counts: rows.map((r) => ({ key: r.key, count: r.count })) }),
        ),
    };
  }),
);
