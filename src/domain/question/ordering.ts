import { popularityRank } from "./popularity.js";
import type { Question, Urgency } from "./question.js";

export const QUESTION_SORTS = ["newest", "oldest", "popular", "most_answers", "most_views", "urgent"] as const;
export type QuestionSort = (typeof QUESTION_SORTS)[number];

export const URGENCY_RANK: Record<Urgency, number> = { normal: 0, urgent: 1, emergency: 2 };

/** A tuple whose ascending order is the listing order; the id makes every key unique. */
export type SortKey = readonly (number | string)[];

export const sortKey = (q: Question, sort: QuestionSort): SortKey => {
  const created = q.createdAt.getTime();
  switch (sort) {
    case "newest":
      return [-created, q.id];
    case "oldest":
      return [created, q.id];
    case "popular":
      return [-popularityRank(q), -created, q.id];
    case "most_answers":
      return [-q.answerCount, -created, q.id];
    case "most_views":
      return [-q.viewCount, -created, q.id];
    case "urgent":
      return [-URGENCY_RANK[q.urgency], -created, q.id];
  }
};

export const compareKeys = (a: SortKey, b: SortKey): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as number | string;
    const y = b[i] as number | string;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return a.length - b.length;
};
