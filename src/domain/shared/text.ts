/** Length in Unicode code points, the same count PostgreSQL's length() gives, so both layers agree. */
export const charLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** NFC so that decomposed Hangul (as some keyboards send it) compares equal to the composed form. */
export const cleanText = (s: string): string => s.normalize("NFC").trim();
