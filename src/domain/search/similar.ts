import type { Question } from "../question/question.js";
import { distanceKm, type LatLng } from "../shared/geo.js";
import { type SearchDocument, searchDocument, termWeight } from "./document.js";
import { type ParsedQuery, parseQuery, type QueryTerm, requiredTerms } from "./query.js";

/** A question being written in the ask form. */
export interface Draft {
  readonly title: string;
  readonly content?: string | undefined;
  readonly regionCode?: string | undefined;
  readonly location?: LatLng | undefined;
}

/** How many similar questions the ask form shows, and how many candidates the index offers for them. */
export const SIMILAR_LIMIT = 5;
export const SIMILAR_CANDIDATES = 50;
/** A draft's terms sent to the index: its title's, then its content's, at most this many. */
const DRAFT_TERMS = 16;
/** Below this text similarity a candidate is not shown at all, however near or new. */
export const MIN_TEXT_SIMILARITY = 0.25;
/** A near-duplicate: this similar in text, asked within these hours, within this distance (or the same region). */
export const NEAR_DUPLICATE = { text: 0.6, hours: 6, km: 1 } as const;
/** Weights of text, place and recency in the ranking; text dominates. */
const WEIGHTS = { text: 0.7, place: 0.2, recency: 0.1 } as const;
/** Recency halves every this many days. */
const RECENCY_HALF_LIFE_DAYS = 30;

const HOUR_MS = 3_600_000;

/** The draft as one query for the index: title terms first, then the content's, deduplicated. */
export const draftQuery = (d: Draft): ParsedQuery => {
  const q = parseQuery(`${d.title} ${d.content ?? ""}`);
  if (q.kind !== "terms") return q;
  const seen = new Set<string>();
  const terms = q.terms.filter((t) => !seen.has(t.text) && seen.add(t.text)).slice(0, DRAFT_TERMS);
  return { ...q, terms };
};

/** How well a term is present in a document, 0–1: in the title 1, in the hashtags or content less. */
const presence = (doc: SearchDocument, t: QueryTerm) => {
  const w = termWeight(doc, t);
  return w === 0 ? 0 : 0.5 + w / 6;
};

const coverage = (doc: SearchDocument, terms: readonly QueryTerm[], weightOf: (t: QueryTerm) => number) => {
  let total = 0;
  let got = 0;
  for (const t of terms) {
    total += weightOf(t);
    got += weightOf(t) * presence(doc, t);
  }
  return total === 0 ? 0 : got / total;
};

const required = (text: string): readonly QueryTerm[] => {
  const q = parseQuery(text);
  return q.kind === "terms" ? requiredTerms(q.terms) : [];
};

/**
 * Text similarity of a candidate to a draft, 0–1, symmetric in spirit: how much of the draft (its
 * title's words counting double) the candidate holds, and how much of the candidate's title the draft
 * holds. Both must be high for a near-duplicate.
 */
export const textSimilarity = (d: Draft, candidate: Pick<Question, "title" | "content" | "hashtags">): number => {
  const titleTerms = required(d.title);
  const titleTexts = new Set(titleTerms.map((t) => t.text));
  const contentTerms = required(d.content ?? "").filter((t) => !titleTexts.has(t.text));
  const candidateDoc = searchDocument(candidate, "");
  const fromDraft = coverage(candidateDoc, [...titleTerms, ...contentTerms], (t) => (titleTexts.has(t.text) ? 2 : 1));
  const draftDoc = searchDocument({ title: d.title, content: d.content ?? "", hashtags: [] }, "");
  const fromCandidate = coverage(draftDoc, required(candidate.title), () => 1);
  return (fromDraft + fromCandidate) / 2;
};

/** 1 at the same spot or in the same region, falling with distance; 0 when the draft names no place. */
const placeScore = (d: Draft, q: Question, km: number | null): number => {
  if (km !== null) return 1 / (1 + km / 2);
  if (d.regionCode === undefined) return 0;
  if (q.regionCode === d.regionCode) return 1;
  if (q.regionCode.startsWith(`${d.regionCode}-`) || d.regionCode.startsWith(`${q.regionCode}-`)) return 0.6;
  // Same city (KR-49-01 …): the codes share their first three parts.
  return q.regionCode.split("-").slice(0, 3).join("-") === d.regionCode.split("-").slice(0, 3).join("-") ? 0.3 : 0;
};

/** Whether the candidate was asked at the draft's place: within NEAR_DUPLICATE.km, or in the same region when a point is missing. */
const samePlace = (d: Draft, q: Question, km: number | null): boolean =>
  km !== null ? km <= NEAR_DUPLICATE.km : d.regionCode !== undefined && q.regionCode === d.regionCode;

export interface SimilarQuestion {
  readonly question: Question;
  /** The ranking score, 0–1. */
  readonly score: number;
  readonly textSimilarity: number;
  readonly distanceKm: number | null;
  /** Asked at the same place within the last NEAR_DUPLICATE.hours with nearly the same words. */
  readonly nearDuplicate: boolean;
}

/**
 * The ask form's similar questions: open or answered candidates ranked by text similarity, distance
 * and recency (text dominates; a candidate below MIN_TEXT_SIMILARITY is not shown), at most
 * SIMILAR_LIMIT, each flagged when it is a near-duplicate of the draft.
 */
export const rankSimilar = (d: Draft, candidates: readonly Question[], now: Date): SimilarQuestion[] =>
  candidates
    .filter((q) => q.status === "open" || q.status === "answered")
    .map((question) => {
      const text = textSimilarity(d, question);
      const km = d.location && question.location ? distanceKm(d.location, question.location) : null;
      const ageMs = Math.max(0, now.getTime() - question.createdAt.getTime());
      const recency = 0.5 ** (ageMs / (RECENCY_HALF_LIFE_DAYS * 24 * HOUR_MS));
      const score = WEIGHTS.text * text + WEIGHTS.place * placeScore(d, question, km) + WEIGHTS.recency * recency;
      const nearDuplicate = text >= NEAR_DUPLICATE.text && ageMs <= NEAR_DUPLICATE.hours * HOUR_MS && samePlace(d, question, km);
      return { question, score, textSimilarity: text, distanceKm: km, nearDuplicate };
    })
    .filter((x) => x.textSimilarity >= MIN_TEXT_SIMILARITY)
    .sort((a, b) => b.score - a.score || b.question.createdAt.getTime() - a.question.createdAt.getTime())
    .slice(0, SIMILAR_LIMIT);
