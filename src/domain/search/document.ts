import type { Question } from "../question/question.js";
import { choseongOf, indexGrams, jamoOf } from "./koreanText.js";
import type { ParsedQuery, QueryTerm } from "./query.js";

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

/** Every term must match (the seed's operator "and"); the score is the sum of the terms' weights. */
export const scoreTerms = (doc: SearchDocument, terms: readonly QueryTerm[]): number | undefined => {
  let score = 0;
  for (const t of terms) {
    const w = termWeight(doc, t);
    if (w === 0) return undefined;
    score += w;
  }
  return score;
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
export const matchDocument = (doc: SearchDocument, query: ParsedQuery, allowTypos: boolean): number | undefined => {
  switch (query.kind) {
    case "all":
      return 0;
    case "choseong":
      return doc.titleChoseong.includes(query.choseong) ? FIELD_WEIGHTS.title : undefined;
    case "terms": {
      const strict = scoreTerms(doc, query.terms);
      const alt = query.alsoAs ? matchDocument(doc, query.alsoAs, allowTypos) : undefined;
      if (strict !== undefined || alt !== undefined) return Math.max(strict ?? 0, alt ?? 0);
      if (!allowTypos) return undefined;
      return typoScore(query.jamo, doc.titleJamo);
    }
  }
};
