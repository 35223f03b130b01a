import type { SearchRequest, SearchSort } from "../../application/ports/SearchIndex.js";
import type { ParsedQuery } from "../../domain/search/query.js";

/** The seed's fields and weights. */
export const SEARCH_FIELDS = ["title^3", "title.ngram^2", "content^1", "hashtags^2", "user.nickname^1"];

const SORTS: Record<SearchSort, unknown[]> = {
  relevance: ["_score", { created_at: "desc" }, { id: "asc" }],
  newest: [{ created_at: "desc" }, { id: "asc" }],
  oldest: [{ created_at: "asc" }, { id: "asc" }],
  popular: [{ popularity_rank: "desc" }, { created_at: "desc" }, { id: "asc" }],
  most_answers: [{ "stats.answer_count": "desc" }, { created_at: "desc" }, { id: "asc" }],
  most_views: [{ "stats.view_count": "desc" }, { created_at: "desc" }, { id: "asc" }],
  urgent: [{ urgency_rank: "desc" }, { created_at: "desc" }, { id: "asc" }],
};

/** Every term must match in some field (the seed's operator "and", term by term); synonyms come from the analyzer. */
export const textQuery = (q: ParsedQuery): unknown => {
  switch (q.kind) {
    case "all":
      return { match_all: {} };
    case "choseong":
      return { wildcard: { title_choseong: { value: `*${q.choseong.replace(/[*?\\]/gu, "")}*` } } };
    case "terms": {
      const own = {
        bool: {
          must: q.terms.map((t) => ({ multi_match: { query: t.text, fields: SEARCH_FIELDS, type: "best_fields", operator: "and" } })),
        },
      };
      return q.alsoAs ? { bool: { should: [own, textQuery(q.alsoAs)], minimum_should_match: 1 } } : own;
    }
  }
};

export const filterClauses = (r: SearchRequest): unknown[] => {
  const f = r.filters;
  const out: unknown[] = [{ terms: { status: ["open", "answered", "closed"] } }];
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

/** The exact pass: the seed's query, filters, sort, facets and paging. */
export const searchBody = (r: SearchRequest) => ({
  query: { bool: { must: [textQuery(r.query)], filter: filterClauses(r) } },
  sort: SORTS[r.sort],
  from: r.offset,
  size: r.limit,
  track_total_hits: true,
  _source: ["id"],
  aggs: {
    categories: { terms: { field: "category", size: 20 } },
    regions: { terms: { field: "region_code", size: 100 } },
    hashtags: { terms: { field: "hashtags.keyword", size: 30 } },
  },
});

/** The typo pass: candidates sharing jamo trigrams with the query; the domain decides which match. */
export const typoCandidatesBody = (r: SearchRequest, jamo: string, size: number) => ({
  query: { bool: { must: [{ match: { title_jamo: { query: jamo, minimum_should_match: "30%" } } }], filter: filterClauses(r) } },
  size,
  _source: ["id", "title_jamo"],
});
