/**
 * When a half-typed title is worth a similar-questions lookup: two words, or about eight characters of
 * one (Korean titles are often one long compound such as 성산일출봉주차장). Shorter says too little.
 */
export const similarWorthAsking = (title: string) => {
  const trimmed = title.trim();
  return trimmed.split(/\s+/).filter(Boolean).length >= 2 || [...trimmed].length >= 8;
};
