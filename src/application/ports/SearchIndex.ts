import { Context, type Effect } from "effect";
import type { Category } from "../../domain/question/category.js";
import type { Question, Urgency } from "../../domain/question/question.js";
import type { ParsedQuery } from "../../domain/search/query.js";
import type { Facet } from "../../domain/search/results.js";
import type { LatLng } from "../../domain/shared/geo.js";

export const SEARCH_SORTS = ["relevance", "newest", "oldest", "popular", "most_answers", "most_views", "urgent"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export type { Facet };

export interface SearchFilters {
  /** Any of these regions (the caller expands a region to its sub-regions). */
  readonly regionCodes?: readonly string[];
  readonly category?: Category;
  /** Normalized tags; a question matches when it has any of them. */
  readonly hashtags?: readonly string[];
  readonly urgency?: Urgency;
  readonly hasAnswers?: boolean;
  /** Only questions whose author is a verified local. */
  readonly localOnly?: boolean;
  readonly dateFrom?: Date;
  readonly dateTo?: Date;
  /** Only questions in one of these states (default: open, answered and closed). */
  readonly statuses?: readonly ("open" | "answered" | "closed")[];
}

export interface SearchRequest {
  readonly query: ParsedQuery;
  readonly filters: SearchFilters;
  readonly near?: { readonly center: LatLng; readonly radiusKm: number };
  readonly sort: SearchSort;
  readonly offset: number;
  readonly limit: number;
  /** Second pass only: match titles by jamo similarity when the exact terms found nothing. */
  readonly allowTypos: boolean;
  /**
   * Relaxed pass (when the strict one is thin): most required terms suffice (`atLeast` of them, by
   * default the domain's minimumMatch); full matches rank first.
   */
  readonly relaxed?: boolean;
  readonly atLeast?: number;
}

/** Candidates for "similar questions": open or answered questions sharing terms with a draft, best text match first. */
export interface SimilarRequest {
  /** The draft's title and content as one query; a candidate needs at least one of its required terms. */
  readonly query: ParsedQuery;
  readonly limit: number;
}

/** The search every index runs for `similar`: any required term, open or answered questions, best text match first. */
export const similarSearch = (r: SimilarRequest): SearchRequest => ({
  query: r.query,
  filters: { statuses: ["open", "answered"] },
  sort: "relevance",
  offset: 0,
  limit: r.limit,
  allowTypos: false,
  relaxed: true,
  atLeast: 1,
});

export interface SimilarCandidates extends MaybeDegraded {
  readonly questions: readonly Question[];
}

/**
 * Set when a stand-in answered because the preferred index (the search engine) failed, was too slow
 * or is resting after failures; absent when the index asked answered itself.
 */
export interface MaybeDegraded {
  readonly degraded?: boolean;
}

export interface SearchPage extends MaybeDegraded {
  readonly hits: readonly { readonly question: Question; readonly score: number; readonly distanceKm: number | null }[];
  readonly total: number;
  readonly facets: { readonly categories: readonly Facet[]; readonly regions: readonly Facet[]; readonly hashtags: readonly Facet[] };
}

export interface Suggestions extends MaybeDegraded {
  readonly titles: readonly string[];
}

export interface CategoryCounts extends MaybeDegraded {
  readonly counts: readonly Facet[];
}

/** Full-text search over listed questions (never hidden or deleted ones). */
export class SearchIndex extends Context.Service<
  SearchIndex,
  {
    readonly search: (request: SearchRequest) => Effect.Effect<SearchPage>;
    /** Titles for autocomplete: by prefix, by 초성 prefix, most popular first; optionally within a region (and below it). */
    readonly suggest: (prefix: string, size: number, regionCode?: string) => Effect.Effect<Suggestions>;
    readonly categoryCountsSince: (since: Date) => Effect.Effect<CategoryCounts>;
    /** Open or answered questions that share words with a draft (the ask form's "similar questions"). */
    readonly similar: (request: SimilarRequest) => Effect.Effect<SimilarCandidates>;
  }
>()("dongne/SearchIndex") {}
