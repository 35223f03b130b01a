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

/** The first 28 topics' questions: 140, every topic in five places spread over the island (kept as first measured). */
const FIRST_TOPICS = 28;
const placeOf = (n: number): Place =>
  n < FIRST_TOPICS * 5
    ? PLACES[(n * 11 + Math.floor(n / FIRST_TOPICS) * 5) % PLACES.length]!
    : PLACES[(Math.floor((n - FIRST_TOPICS * 5) / (TOPICS.length - FIRST_TOPICS)) * 5 + n * 3) % PLACES.length]!;
const topicOf = (n: number): number =>
  n < FIRST_TOPICS * 5 ? n % FIRST_TOPICS : FIRST_TOPICS + ((n - FIRST_TOPICS * 5) % (TOPICS.length - FIRST_TOPICS));

/** Every topic in five places: the first 140 questions as before, then those of the topics added since. */
export const EVAL_CORPUS: readonly EvalDoc[] = Array.from({ length: TOPICS.length * 5 }, (_, n) => {
  const topic = topicOf(n);
  const t = TOPICS[topic]!;
  const place = placeOf(n);
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
