// C0/C1 controls other than tab and line breaks (NUL above all: PostgreSQL refuses it in text), and lone
// surrogates, which are not text at all (a UTF-8 encoder silently turns them into U+FFFD).
const FORBIDDEN = /(?![\t\n\r])\p{Cc}|\p{Cs}/u;

// Never meant to be seen: bidi controls (U+202E and friends make a post read differently from what is stored),
// zero-width spaces and word joiners used as padding, byte-order marks, soft hyphens, and the Hangul fillers that
// render as nothing (U+3164 is the classic "blank nickname").
const STRIPPED = /[\u00AD\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0]/gu;

// Invisible too, but part of emoji sequences or of some scripts (ZWJ, ZWNJ, variation selectors, tags), so kept
// inside text; text made only of these and white space is blank.
const BLANK = /^(?:[\s\p{Cf}\u2800]|\p{Variation_Selector}|\u034F|\u17B4|\u17B5)*$/u;

/** True when the text carries a character no user text may contain; such input is refused, not repaired. */
export const hasForbiddenCharacters = (text: string): boolean => FORBIDDEN.test(text);

/**
 * The one normalisation of user text, at the edge: invisible padding and bidi controls removed, NFC, trimmed;
 * text with nothing visible left becomes "" so that the length rules see it as empty.
 * Idempotent; text without forbidden characters stays free of them.
 */
export const normalizeUserText = (text: string): string => {
  const visible = text.replace(STRIPPED, "").normalize("NFC");
  return BLANK.test(visible) ? "" : visible.trim();
};
