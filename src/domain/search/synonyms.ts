import { stripParticle, words } from "./koreanText.js";
import vocabulary from "./vocabulary.json" with { type: "json" };

/**
 * The search vocabulary (./vocabulary.json, the one data file both search paths read at query time):
 * synonym groups, one-way intents, and the question and request words a query may leave unmatched.
 */
export interface Vocabulary {
  readonly optional: readonly string[];
  readonly optionalEndings: readonly string[];
  readonly synonyms: readonly (readonly string[])[];
  readonly intents: readonly { readonly query: readonly string[]; readonly matches: readonly string[] }[];
}

export const VOCABULARY: Vocabulary = vocabulary;

/** The seed's synonym groups and Jeju ones people type interchangeably (the engine's analyzer gets them too). */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = VOCABULARY.synonyms;

const byWord = new Map<string, readonly string[]>(SYNONYM_GROUPS.flatMap((g) => g.map((w) => [w, g] as const)));

/** A phrase as the parser sees it: its words' stems. */
export const phraseKey = (phrase: string): string => words(phrase).map(stripParticle).join(" ");

const intentsByKey = new Map<string, string[]>();
for (const intent of VOCABULARY.intents)
  for (const q of intent.query) intentsByKey.set(phraseKey(q), [...(intentsByKey.get(phraseKey(q)) ?? []), ...intent.matches]);

/** Longest intent phrase first, in words. */
export const INTENT_PHRASE_LENGTHS: readonly number[] = [...new Set([...intentsByKey.keys()].map((k) => k.split(" ").length))].sort(
  (a, b) => b - a,
);

/** The word and its synonyms. */
export const synonymsOf = (word: string): readonly string[] => byWord.get(word) ?? [word];

/** What a word or phrase (by its stems) asks for, one way: 병원 → 소아과, 응급실…; none when it is no intent. */
export const intentOf = (key: string): readonly string[] | undefined => intentsByKey.get(key);

const optionalWords = new Set(VOCABULARY.optional);

/** A question or request word (어디, 추천, 알려주세요, 있나요…): it ranks when matched but need not match. */
export const isOptionalWord = (word: string, stem: string): boolean =>
  optionalWords.has(word) ||
  optionalWords.has(stem) ||
  (/^[가-힣]+$/u.test(word) && word.length >= 3 && VOCABULARY.optionalEndings.some((e) => word.endsWith(e)));
