import { Effect } from "effect";
import { normalizeHashtag } from "../../domain/hashtag/hashtag.js";
import type { Category } from "../../domain/question/category.js";
import type { Urgency } from "../../domain/question/question.js";
import { activeRegion, selfAndDescendants } from "../../domain/region/region.js";
import { highlightFragments, highlightTitle } from "../../domain/search/highlight.js";
import { looseQuery, type ParsedQuery, parseQuery } from "../../domain/search/query.js";
import { Clock } from "../ports/Clock.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { type SearchFilters, SearchIndex, type SearchSort } from "../ports/SearchIndex.js";

export interface SearchQuestionsInput {
  readonly query?: string | undefined;
  readonly filters?:
    | {
        readonly regionCode?: string | undefined;
        readonly category?: Category | undefined;
        readonly hashtags?: readonly string[] | undefined;
        readonly urgency?: Urgency | undefined;
        readonly hasAnswers?: boolean | undefined;
        readonly localOnly?: boolean | undefined;
        readonly dateFrom?: Date | undefined;
        readonly dateTo?: Date | undefined;
      }
    | undefined;
  readonly location?: { readonly lat: number; readonly lng: number; readonly radiusKm: number } | undefined;
  readonly sort?: SearchSort | undefined;
  readonly page?: number | undefined;
  readonly size?: number | undefined;
}

/** The words to mark in results: the query's terms, their synonyms' and intents' forms, or the converted Hangul. */
const needlesOf = (q: ParsedQuery): string[] =>
  q.kind === "terms"
    ? [
        ...new Set([
          ...q.terms.flatMap((t) => [...t.text.split(" "), ...t.forms.filter((f) => !f.includes(" "))]),
          ...(q.alsoAs ? needlesOf(q.alsoAs) : []),
        ]),
      ]
    : [];

/** Fewer strict matches than this in all, and the relaxed pass (most required terms) answers, on every page alike. */
export const THIN_RESULTS = 5;

/**
 * Korean search: every required term first (stems, synonyms, intents, spacing-insensitive grams;
 * question and request words optional); when that is thin, most of the terms (full matches still
 * first); when nothing matches, a pass forgives typos by jamo similarity on titles, and a last one
 * accepts any one word (compounds read as their parts). `relaxed` and
 * `typoTolerant` say which pass answered; `degraded` that a stand-in (PostgreSQL for the engine) did.
 */
export const searchQuestions = Effect.fn("searchQuestions")(function* (input: SearchQuestionsInput) {
  const clock = yield* Clock;
  const started = (yield* clock.now).getTime();
  const f = input.filters ?? {};
  let regionCodes: string[] | undefined;
  if (f.regionCode !== undefined) {
    const catalog = yield* (yield* RegionRepository).catalog;
    if (!activeRegion(catalog, f.regionCode)) return yield* Effect.fail({ _tag: "RegionNotFound" as const, code: f.regionCode });
    regionCodes = selfAndDescendants(catalog, f.regionCode);
  }
  const hashtags = f.hashtags?.map(normalizeHashtag).filter((t): t is string => t !== null);
  const filters: SearchFilters = {
    ...(regionCodes ? { regionCodes } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(hashtags && hashtags.length > 0 ? { hashtags } : {}),
    ...(f.urgency ? { urgency: f.urgency } : {}),
    ...(f.hasAnswers !== undefined ? { hasAnswers: f.hasAnswers } : {}),
    ...(f.localOnly ? { localOnly: true } : {}),
    ...(f.dateFrom ? { dateFrom: f.dateFrom } : {}),
    ...(f.dateTo ? { dateTo: f.dateTo } : {}),
  };
  const query = parseQuery(input.query);
  const size = input.size ?? 20;
  const request = {
    query,
    filters,
    ...(input.location
      ? { near: { center: { lat: input.location.lat, lng: input.location.lng }, radiusKm: input.location.radiusKm } }
      : {}),
    sort: input.sort ?? (query.kind === "all" ? "newest" : "relevance"),
    offset: ((input.page ?? 1) - 1) * size,
    limit: size,
    allowTypos: false,
  } as const;
  const index = yield* SearchIndex;
  let page = yield* index.search(request);
  let typoTolerant = false;
  let relaxed = false;
  let degraded = page.degraded === true;
  if (page.total < THIN_RESULTS && query.kind === "terms") {
    const wider = yield* index.search({ ...request, relaxed: true });
    degraded ||= wider.degraded === true;
    relaxed = wider.total > page.total;
    if (relaxed) page = wider;
  }
  if (page.total === 0 && query.kind === "terms") {
    page = yield* index.search({ ...request, allowTypos: true });
    typoTolerant = page.total > 0;
    degraded ||= page.degraded === true;
  }
  if (page.total === 0 && query.kind === "terms") {
    page = yield* index.search({ ...request, query: looseQuery(input.query), relaxed: true, atLeast: 1 });
    relaxed = page.total > 0;
    degraded ||= page.degraded === true;
  }
  const needles = needlesOf(query);
  const hits = page.hits.map((h) => ({
    ...h,
    highlight: { title: highlightTitle(h.question.title, needles), content: highlightFragments(h.question.content, needles) },
  }));
  return { hits, total: page.total, facets: page.facets, typoTolerant, relaxed, degraded, tookMs: (yield* clock.now).getTime() - started };
});
