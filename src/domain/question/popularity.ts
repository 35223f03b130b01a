import { hoursBetween } from "../shared/time.js";
import type { Urgency } from "./question.js";

export const URGENCY_BONUS: Record<Urgency, number> = { normal: 0, urgent: 5, emergency: 10 };
export const POPULARITY_HALF_LIFE_HOURS = 24;

export interface PopularityInput {
  readonly viewCount: number;
  readonly answerCount: number;
  readonly likeCount: number;
  readonly urgency: Urgency;
  readonly createdAt: Date;
}

/** Views, answers and likes, weighted as the seed formula weighs them. */
export const engagement = (q: Pick<PopularityInput, "viewCount" | "answerCount" | "likeCount">): number =>
  q.viewCount * 0.1 + q.answerCount * 2 + q.likeCount;

const base = (q: PopularityInput) => engagement(q) + URGENCY_BONUS[q.urgency];

/** The seed formula: engagement plus an urgency bonus, halved every 24 hours of age. */
export const popularity = (q: PopularityInput, now: Date): number => {
  const ageHours = Math.max(0, hoursBetween(q.createdAt, now));
  return base(q) * 0.5 ** (ageHours / POPULARITY_HALF_LIFE_HOURS);
};

/**
 * A time-invariant rank with the same order as `popularity` at any single instant:
 * log2(base × 2^(createdHours/24)). Decay multiplies every score by the same factor, so the
 * order changes only when counters change, which makes keyset pagination stable.
 */
export const popularityRank = (q: PopularityInput): number => {
  const b = base(q);
  const createdHours = q.createdAt.getTime() / 3_600_000;
  return b > 0 ? Math.log2(b) + createdHours / POPULARITY_HALF_LIFE_HOURS : Number.MIN_SAFE_INTEGER;
};
