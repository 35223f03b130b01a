/** The seed's synonym groups, and Jeju ones people type interchangeably. */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["맛집", "맛있는집", "식당", "레스토랑"],
  ["카페", "커피숍", "다방"],
  ["숙소", "펜션", "호텔", "리조트"],
  ["해변", "바다", "해수욕장"],
  ["산", "오름", "등산"],
  ["렌터카", "렌트카", "렌트"],
  ["귤", "감귤"],
  ["올레", "올레길"],
  ["공항", "제주공항"],
];

const byWord = new Map<string, readonly string[]>(SYNONYM_GROUPS.flatMap((g) => g.map((w) => [w, g] as const)));

/** The word and its synonyms. */
export const synonymsOf = (word: string): readonly string[] => byWord.get(word) ?? [word];
