import type { Question } from "../question/question.js";
import { typoScore } from "./document.js";
import { jamoOf } from "./koreanText.js";

/** One value of a facet (a category, a region, a hashtag) and how many matches have it. */
export interface Facet {
  readonly key: string;
  readonly count: number;
}

/** Most frequent first, then by key: the order the engine's terms aggregations use too. */
export const countKeys = (keys: readonly string[]): Facet[] => {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
};

/** Facets over a set of matched questions: categories, regions, and the 30 commonest hashtags. */
export const facetsOf = (questions: readonly Question[]) => ({
  categories: countKeys(questions.map((q) => q.category)),
  regions: countKeys(questions.map((q) => q.regionCode)),
  hashtags: countKeys(questions.flatMap((q) => [...q.hashtags])).slice(0, 30),
});

/** The typo pass's verdict on candidates: those within the allowed jamo edits, best first, then newest. */
export const typoMatches = (candidates: readonly Question[], queryJamo: string): { question: Question; score: number }[] =>
  candidates
    .map((question) => ({ question, score: typoScore(queryJamo, jamoOf(question.title)) }))
    .filter((x): x is { question: Question; score: number } => x.score !== undefined)
    .sort((a, b) => b.score - a.score || b.question.createdAt.getTime() - a.question.createdAt.getTime());
