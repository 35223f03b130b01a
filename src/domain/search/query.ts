import {
  bigramsOf,
  choseongOf,
  compoundSplits,
  hangulFromQwerty,
  isChoseongQuery,
  jamoOf,
  normalizeText,
  predicateStems,
  stripParticle,
  words,
} from "./koreanText.js";
import { INTENT_PHRASE_LENGTHS, intentOf, isOptionalWord, synonymsOf } from "./synonyms.js";

/** One term of a query: matched when any of its alternatives' grams are all present. */
export interface QueryTerm {
  /** The stem (or the phrase's stems): what highlights mark and the typo pass compares. */
  readonly text: string;
  /** The words as typed, particles and all (nori reads them in context). */
  readonly word: string;
  /** What the term may match as: itself, its stem, its synonyms and what its intent asks for. */
  readonly forms: readonly string[];
  /**
   * Readings for syllable-gram matching only (a predicate's stems, an unspaced compound's parts):
   * the engine's analyzer finds these itself, so it sends them to its n-gram fields alone.
   */
  readonly variants: readonly string[];
  /** The grams of each form and variant (a form of several words: all its words' grams). */
  readonly alternatives: readonly (readonly string[])[];
  /** A question or request word (어디, 추천, 알려주세요…): it adds to the score but need not match. */
  readonly optional: boolean;
}

export type ParsedQuery =
  | { readonly kind: "all" }
  | {
      readonly kind: "terms";
      readonly text: string;
      readonly terms: readonly QueryTerm[];
      /** Jamo of the required terms, for the typo pass. */
      readonly jamo: string;
      readonly alsoAs?: ParsedQuery;
    }
  | { readonly kind: "choseong"; readonly text: string; readonly choseong: string };

const gramsOfForm = (form: string): string[] => [...new Set(words(form).flatMap((w) => bigramsOf(w)))];

const makeTerm = (typed: readonly string[], stems: readonly string[], intent: readonly string[] | undefined): QueryTerm => {
  const text = stems.join(" ");
  const word = typed.join(" ");
  const single = stems.length === 1 ? [text, ...predicateStems(text)].flatMap((s) => synonymsOf(s)) : [];
  const forms = [...new Set([text, word, ...single, ...(intent ?? []).flatMap((f) => [f, ...synonymsOf(f)])])];
  const variants = stems.length === 1 ? [...predicateStems(text), ...compoundSplits(text)].filter((v) => !forms.includes(v)) : [];
  return {
    text,
    word,
    forms,
    variants,
    alternatives: [...forms, ...variants].map(gramsOfForm).filter((g) => g.length > 0),
    optional: typed.every((w, i) => isOptionalWord(w, stems[i] ?? w)),
  };
};

/** The intent of one word: by its stem, as typed, or by a predicate's stem (세차해야 → 세차). */
const wordIntent = (typed: string, stem: string) =>
  intentOf(stem) ??
  intentOf(typed) ??
  predicateStems(stem)
    .map(intentOf)
    .find((x) => x !== undefined);

/** Words to terms: the longest intent phrase at each position (버리는 법, 갈만한 곳), else one word. */
const termsOf = (typed: readonly string[]): QueryTerm[] => {
  const stems = typed.map(stripParticle);
  const out: QueryTerm[] = [];
  for (let i = 0; i < typed.length; ) {
    const n = INTENT_PHRASE_LENGTHS.find((len) => len > 1 && i + len <= typed.length && intentOf(stems.slice(i, i + len).join(" ")));
    const len = n ?? 1;
    const slice = stems.slice(i, i + len);
    out.push(makeTerm(typed.slice(i, i + len), slice, len > 1 ? intentOf(slice.join(" ")) : wordIntent(typed[i] ?? "", slice[0] ?? "")));
    i += len;
  }
  // A query of question words only (추천, 어디) must still match them.
  return out.every((t) => t.optional) ? out.map((t) => ({ ...t, optional: false })) : out;
};

/** The terms that must match (all of them strictly, most of them when relaxed). */
export const requiredTerms = (terms: readonly QueryTerm[]): readonly QueryTerm[] => terms.filter((t) => !t.optional);

/**
 * How many of n required terms a relaxed match needs (like minimum_should_match "50%", rounded up):
 * one of one or two, two of three or four, three of five or six.
 */
export const minimumMatch = (n: number): number => Math.ceil(n / 2);

/**
 * How the user's text is searched: initial consonants only (ㅎㄹㅅ) match titles' 초성; Latin that
 * converts to whole Hangul (gkssktks) is searched both ways, and its typos are forgiven in Hangul;
 * otherwise every required term must match (most of them when relaxed), by its stem, a synonym or
 * its intent, and the jamo form feeds typo tolerance.
 */
export const parseQuery = (raw: string | undefined): ParsedQuery => {
  const text = normalizeText(raw ?? "");
  if (text.length === 0) return { kind: "all" };
  if (isChoseongQuery(text)) return { kind: "choseong", text, choseong: text.replace(/\s+/gu, "") };
  const terms = termsOf(words(text));
  if (terms.length === 0) return { kind: "all" };
  const fromQwerty = hangulFromQwerty(text);
  const alsoAs = fromQwerty ? parseQuery(fromQwerty) : undefined;
  const jamo =
    alsoAs?.kind === "terms"
      ? alsoAs.jamo
      : jamoOf(
          requiredTerms(terms)
            .map((t) => t.text)
            .join(" "),
        );
  const base = { kind: "terms" as const, text, terms, jamo };
  return alsoAs ? { ...base, alsoAs } : base;
};

/**
 * The last resort, when neither most terms nor typo tolerance found anything: the query's words with
 * each unspaced compound also read as its parts (애월카페 → 애월, 카페), any one of them matching.
 */
export const looseQuery = (raw: string | undefined): ParsedQuery => {
  const parts = words(normalizeText(raw ?? "")).flatMap((w) => [w, ...compoundSplits(stripParticle(w)).flatMap((s) => s.split(" "))]);
  return parseQuery([...new Set(parts)].join(" "));
};

export const choseongMatches = (title: string, choseong: string): boolean => choseongOf(title).replace(/\s+/gu, "").includes(choseong);
