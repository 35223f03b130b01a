import { PLACES, type Place } from "./places.js";
import { TOPICS } from "./topics.js";

export interface EvalDoc {
  readonly n: number;
  readonly topic: number;
  readonly place: Place;
  readonly title: string;
  readonly content: string;
  readonly hashtags: readonly string[];
  readonly category: (typeof TOPICS)[number]["category"];
}

const fill = (text: string, place: Place) => text.replaceAll("{place}", place.name).replaceAll("{area}", place.area);

/** 140 questions: every topic in five places, the places spread over the island. */
export const EVAL_CORPUS: readonly EvalDoc[] = Array.from({ length: 140 }, (_, n) => {
  const topic = n % TOPICS.length;
  const t = TOPICS[topic]!;
  const place = PLACES[(n * 11 + Math.floor(n / TOPICS.length) * 5) % PLACES.length]!;
  return {
    n,
    topic,
    place,
    title: fill(t.title, place),
    content: fill(t.content, place),
    hashtags: t.hashtags.map((h) => fill(h, place)),
    category: t.category,
  };
});

/** A document's grade for a query: by topic, reduced by 2 outside the asked area. */
export const gradeOf = (doc: EvalDoc, q: { topics: Readonly<Record<number, number>>; area?: string }): number => {
  const g = q.topics[doc.topic] ?? 0;
  return q.area === undefined || doc.place.area === q.area ? g : Math.max(0, g - 2);
};
