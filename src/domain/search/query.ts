import { bigramsOf, choseongOf, hangulFromQwerty, isChoseongQuery, jamoOf, normalizeText, stripParticle, words } from "./koreanText.js";
import { synonymsOf } from "./synonyms.js";

/** One term of a query: matched when any of its alternatives' grams are all present. */
export interface QueryTerm {
  readonly text: string;
  readonly alternatives: readonly (readonly string[])[];
}

export type ParsedQuery =
  | { readonly kind: "all" }
  | {
      readonly kind: "terms";
      readonly text: string;
      readonly terms: readonly QueryTerm[];
      readonly jamo: string;
      readonly alsoAs?: ParsedQuery;
    }
  | { readonly kind: "choseong"; readonly text: string; readonly choseong: string };

const term = (word: string): QueryTerm => {
  const stem = stripParticle(word);
  const forms = [...new Set([stem, word, ...synonymsOf(stem)])];
  return { text: stem, alternatives: forms.map((f) => bigramsOf(f)).filter((g) => g.length > 0) };
};

/**
 * How the user's text is searched: initial consonants only (ㅎㄹㅅ) match titles' 초성; Latin that
 * converts to whole Hangul (gkssktks) is searched both ways; otherwise every term must match, by its
 * stem or a synonym, and the jamo form feeds typo tolerance.
 */
export const parseQuery = (raw: string | undefined): ParsedQuery => {
  const text = normalizeText(raw ?? "");
  if (text.length === 0) return { kind: "all" };
  if (isChoseongQuery(text)) return { kind: "choseong", text, choseong: text.replace(/\s+/gu, "") };
  const terms = words(text).map(term);
  if (terms.length === 0) return { kind: "all" };
  const fromQwerty = hangulFromQwerty(text);
  const base = { kind: "terms" as const, text, terms, jamo: jamoOf(terms.map((t) => t.text).join(" ")) };
  return fromQwerty ? { ...base, alsoAs: parseQuery(fromQwerty) } : base;
};

export const choseongMatches = (title: string, choseong: string): boolean => choseongOf(title).replace(/\s+/gu, "").includes(choseong);
