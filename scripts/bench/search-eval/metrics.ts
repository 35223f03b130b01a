/** nDCG@k with gains 2^grade − 1, against the ideal order of all graded documents. */
export const ndcgAt = (k: number, ranked: readonly number[], allGrades: readonly number[]): number => {
  const dcg = (grades: readonly number[]) => grades.slice(0, k).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg([...allGrades].sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranked) / ideal;
};

/** Reciprocal rank of the first result graded 2 or better (0 when none is in the list). */
export const reciprocalRank = (ranked: readonly number[]): number => {
  const i = ranked.findIndex((g) => g >= 2);
  return i < 0 ? 0 : 1 / (i + 1);
};

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
