import type { SearchRequest, SearchSort } from "../../application/ports/SearchIndex.js";
import { minimumMatch, type ParsedQuery, type QueryTerm, requiredTerms } from "../../domain/search/query.js";

/**
 * The seed's fields and weights, and n-gram twins of the content and hashtags (as titles have), so a
 * word nori splits or drops (adverbs such as 내일, 제대로 are stop-tagged) still matches as the
 * PostgreSQL path's syllable bigrams do.
 */
export const SEARCH_FIELDS = [
  "title^3",
  "title.ngram^2",
  "content^1",
  "content.ngram^1",
  "hashtags^2",
  "hashtags.ngram^2",
  "user.nickname^1",
];

/** Added to a relaxed match that has every required term (BM25 scores stay far below it), so full matches rank first. */
export const ENGINE_FULL_MATCH_BONUS = 1000;

const SORTS: Record<SearchSort, unknown[]> = {
  relevance: ["_score", { created_at: "desc" }, { id: "asc" }],
  newest: [{ created_at: "desc" }, { id: "asc" }],
  oldest: [{ created_at: "asc" }, { id: "asc" }],
  popular: [{ popularity_rank: "desc" }, { created_at: "desc" }, { id: "asc" }],
  most_answers: [{ "stats.answer_count": "desc" }, { created_at: "desc" }, { id: "asc" }],
  most_views: [{ "stats.view_count": "desc" }, { created_at: "desc" }, { id: "asc" }],
  urgent: [{ urgency_rank: "desc" }, { created_at: "desc" }, { id: "asc" }],
};

/** Fields nori analyses, and the others (n-grams and whole hashtags). */
const NORI_FIELDS = ["title^3", "content^1", "user.nickname^1"];
const GRAM_FIELDS = SEARCH_FIELDS.filter((f) => !NORI_FIELDS.includes(f));

/**
 * A term matches, as on PostgreSQL, when all the syllable grams of one of its forms (as typed, its
 * stem, synonyms, its intent) or variants (predicate stems, compound parts) are in one n-gram field
 * (or it is a whole hashtag; a one-syllable word by nori's token); nori's fields then add to its score. nori does not decide the match: it
 * reads an unknown word (a typo such as 올래길) as loose pieces (오, 길) that match anywhere, and it
 * drops words it tags as adverbs (내일, 제대로), so a query made of them would match nothing.
 */
const termClause = (t: QueryTerm) => ({
  bool: {
    must: [
      {
        dis_max: {
          queries: [
            ...[...t.forms, ...t.variants].map((f) => ({
              multi_match: { query: f, fields: GRAM_FIELDS, type: "best_fields", operator: "and" },
            })),
            // A one-syllable word (비, 배) has no two-syllable gram: nori's token decides.
            ...t.forms.filter((f) => [...f].length === 1).map((f) => ({ multi_match: { query: f, fields: NORI_FIELDS, type: "phrase" } })),
          ],
        },
      },
    ],
    should: t.forms.map((f) => ({ multi_match: { query: f, fields: NORI_FIELDS, type: "phrase" } })),
  },
});

/**
 * Required terms must all match (strict) or at least `atLeast` of them (relaxed, the domain's
 * minimumMatch by default, as minimum_should_match); optional ones (question and request words) only
 * score; a relaxed full match earns a bonus that ranks it first. Synonyms and intents are expanded at
 * query time from the vocabulary file, as on PostgreSQL.
 */
export const textQuery = (q: ParsedQuery, relaxed = false, atLeast?: number): unknown => {
  switch (q.kind) {
    case "all":
      return { match_all: {} };
    case "choseong":
      return { wildcard: { title_choseong: { value: `*${q.choseong.replace(/[*?\\]/gu, "")}*` } } };
    case "terms": {
      const required = requiredTerms(q.terms).map(termClause);
      const optional = q.terms.filter((t) => t.optional).map(termClause);
      const need = Math.min(required.length, atLeast ?? minimumMatch(required.length));
      const own =
        relaxed && need < required.length
          ? {
              bool: {
                must: [{ bool: { should: required, minimum_should_match: need } }],
                should: [{ constant_score: { filter: { bool: { must: required } }, boost: ENGINE_FULL_MATCH_BONUS } }, ...optional],
              },
            }
          : { bool: { must: required, should: optional } };
      return q.alsoAs ? { bool: { should: [own, textQuery(q.alsoAs, relaxed, atLeast)], minimum_should_match: 1 } } : own;
    }
  }
};

export const filterClauses = (r: SearchRequest): unknown[] => {
  const f = r.filters;
  const out: unknown[] = [{ terms: { status: f.statuses ?? ["open", "answered", "closed"] } }];
  if (f.regionCodes) out.push({ terms: { region_code: f.regionCodes } });
  if (f.category) out.push({ term: { category: f.category } });
  if (f.hashtags) out.push({ terms: { "hashtags.keyword": f.hashtags } });
  if (f.urgency) out.push({ term: { urgency: f.urgency } });
  if (f.hasAnswers !== undefined)
    out.push(f.hasAnswers ? { range: { "stats.answer_count": { gt: 0 } } } : { term: { "stats.answer_count": 0 } });
  if (f.localOnly) out.push({ term: { "user.is_local_verified": true } });
  if (f.dateFrom || f.dateTo)
    out.push({
      range: {
        created_at: { ...(f.dateFrom ? { gte: f.dateFrom.toISOString() } : {}), ...(f.dateTo ? { lte: f.dateTo.toISOString() } : {}) },
      },
    });
  if (r.near)
    out.push({ geo_distance: { distance: `${r.near.radiusKm}km`, location: { lat: r.near.center.lat, lon: r.near.center.lng } } });
  return out;
};

/** The exact pass: the seed's query, filters, sort, facets (unless not wanted) and paging. */
export const searchBody = (r: SearchRequest, withFacets = true) => ({
  query: { bool: { must: [textQuery(r.query, r.relaxed === true, r.atLeast)], filter: filterClauses(r) } },
  sort: SORTS[r.sort],
  from: r.offset,
  size: r.limit,
  track_total_hits: true,
  _source: ["id"],
  ...(withFacets
    ? {
        aggs: {
          categories: { terms: { field: "category", size: 20 } },
          regions: { terms: { field: "region_code", size: 100 } },
          hashtags: { terms: { field: "hashtags.keyword", size: 30 } },
        },
      }
    : {}),
});

/** The typo pass: candidates sharing jamo trigrams with the query; the domain decides which match. */
export const typoCandidatesBody = (r: SearchRequest, jamo: string, size: number) => ({
  query: { bool: { must: [{ match: { title_jamo: { query: jamo, minimum_should_match: "30%" } } }], filter: filterClauses(r) } },
  size,
  _source: ["id", "title_jamo"],
});
