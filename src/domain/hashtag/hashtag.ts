import { err, ok, type Result } from "neverthrow";
import { charLength } from "../shared/text.js";

export const MAX_HASHTAGS = 5;
export const MAX_HASHTAG_LENGTH = 30;

export type TooManyHashtags = { readonly _tag: "TooManyHashtags"; readonly max: number; readonly actual: number };

/**
 * NFKC (full-width letters and compatibility jamo fold), trim, drop leading '#',
 * lower-case Latin, collapse inner white space. Empty or over-long tags give null.
 */
export const normalizeHashtag = (raw: string): string | null => {
  const tag = raw
    .normalize("NFKC")
    .trim()
    .replace(/^#+/u, "")
    .trim()
    .replace(/[A-Z]+/g, (latin) => latin.toLowerCase())
    .replace(/\s+/gu, " ");
  if (tag.length === 0 || charLength(tag) > MAX_HASHTAG_LENGTH) return null;
  return tag;
};

/** Normalized, distinct, first-seen order; more than five distinct tags is an error, not a silent cut. */
export const normalizeHashtags = (raw: readonly string[]): Result<readonly string[], TooManyHashtags> => {
  const tags = [...new Set(raw.map(normalizeHashtag).filter((t): t is string => t !== null))];
  return tags.length > MAX_HASHTAGS ? err({ _tag: "TooManyHashtags", max: MAX_HASHTAGS, actual: tags.length }) : ok(tags);
};
