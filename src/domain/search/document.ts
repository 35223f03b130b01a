import type { Question } from "../question/question.js";
import { choseongOf, indexGrams, jamoOf } from "./koreanText.js";
import { minimumMatch, type ParsedQuery, type QueryTerm } from "./query.js";

/** What search keeps of a question: grams per field (the seed's fields), jamo and 초성 of the title. */
export interface SearchDocument {
  readonly titleGrams: readonly string[];
  readonly bodyGrams: readonly string[];
  readonly tagGrams: readonly string[];
  readonly nameGrams: readonly string[];
  readonly titleJamo: string;
  readonly titleChoseong: string;
}

export const searchDocument = (q: Pick<Question, "title" | "content" | "hashtags">, authorNickname: string): SearchDocument => ({
  titleGrams: indexGrams(q.title),
  bodyGrams: indexGrams(q.content),
  tagGrams: indexGrams(q.hashtags.join(" ")),
  nameGrams: indexGrams(authorNickname),
  titleJamo: jamoOf(q.title),
  titleChoseong: choseongOf(q.title).replace(/\s+/gu, ""),
});

/** The seed's field weights: title ×3, hashtags ×2, content ×1, author nickname ×1. */
export const FIELD_WEIGHTS = { title: 3, tags: 2, body: 1, name: 1 } as const;

const containsAll = (set: ReadonlySet<string>, grams: readonly string[]) => grams.every((g) => set.has(g));

/** The weight a term earns in a document: its best field, by any alternative; 0 when it does not match. */
export const termWeight = (doc: SearchDocument, t: QueryTerm): number => {
  const fields: [ReadonlySet<string>, number][] = [
    [new Set(doc.titleGrams), FIELD_WEIGHTS.title],
    [new Set(doc.tagGrams), FIELD_WEIGHTS.tags],
    [new Set(doc.bodyGrams), FIELD_WEIGHTS.body],
    [new Set(doc.nameGrams), FIELD_WEIGHTS.name],
  ];
  let best = 0;
  for (const alternative of t.alternatives)
    for (const [set, weight] of fields) if (weight > best && containsAll(set, alternative)) best = weight;
  return best;
};

/** Added to a relaxed match that has every required term, so full matches always rank first. */
export const FULL_MATCH_BONUS = 100;

/** How a query is matched: every required term (strict), most of them (relaxed), or titles by jamo (typos). */
export type MatchMode = "strict" | "relaxed" | "typos";

/**
 * Required terms must all match (strict) or most of them (relaxed, minimumMatch); optional terms
 * (question and request words) only add their weight. The score is the sum of the matched terms'
 * weights, plus FULL_MATCH_BONUS when every required term matched.
 */
export const scoreTerms = (doc: SearchDocument, terms: readonly QueryTerm[], relaxed = false, atLeast?: number): number | undefined => {
  let score = 0;
  let required = 0;
  let matched = 0;
  for (const t of terms) {
    const w = termWeight(doc, t);
    score += w;
    if (t.optional) continue;
    required++;
    if (w > 0) matched++;
  }
  if (matched < (relaxed ? Math.min(required, atLeast ?? minimumMatch(required)) : required) || matched === 0) return undefined;
  return score + (matched === required ? FULL_MATCH_BONUS : 0);
};

/** Fewest edits turning `needle` into some substring of `haystack` (approximate substring matching). */
export const substringEditDistance = (needle: readonly string[], haystack: readonly string[]): number => {
  let previous = new Array<number>(haystack.length + 1).fill(0);
  for (let i = 1; i <= needle.length; i++) {
    const current = [i];
    for (let j = 1; j <= haystack.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (needle[i - 1] === haystack[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return Math.min(...previous);
};

/** Edits forgiven for a word of n jamo, in the spirit of fuzziness AUTO: none for short words. */
export const allowedEdits = (n: number): number => (n <= 3 ? 0 : n <= 9 ? 1 : 2);

/**
 * Typo tolerance by jamo: every query word must appear in the title (spaces ignored) within its
 * allowed edits (맞집 ≈ 맛집, 한나산 ≈ 한라산). The score falls with the edits spent.
 */
export const typoScore = (queryJamo: string, titleJamo: string): number | undefined => {
  const title = [...titleJamo.replace(/\s+/gu, "")];
  let edits = 0;
  let length = 0;
  for (const word of queryJamo.split(/\s+/u).filter(Boolean)) {
    const w = [...word];
    const d = substringEditDistance(w, title);
    if (d > allowedEdits(w.length)) return undefined;
    edits += d;
    length += w.length;
  }
  return length === 0 ? undefined : 1 - edits / length;
};

/** Whether and how well a document matches a parsed query (undefined: no match). */
export const matchDocument = (doc: SearchDocument, query: ParsedQuery, mode: MatchMode, atLeast?: number): number | undefined => {
  switch (query.kind) {
    case "all":
      return 0;
    case "choseong":
      return doc.titleChoseong.includes(query.choseong) ? FIELD_WEIGHTS.title : undefined;
    case "terms": {
      if (mode === "typos") return typoScore(query.jamo, doc.titleJamo);
      const own = scoreTerms(doc, query.terms, mode === "relaxed", atLeast);
      const alt = query.alsoAs ? matchDocument(doc, query.alsoAs, mode, atLeast) : undefined;
      return own === undefined && alt === undefined ? undefined : Math.max(own ?? 0, alt ?? 0);
    }
  }
};
