import { Effect, Layer } from "effect";
import { HashtagRepository } from "../../application/ports/HashtagRepository.js";
import type { TagUse } from "../../domain/hashtag/trending.js";
import { InMemoryStore, table } from "./InMemoryStore.js";

/** Every use with its time (for trending windows), and each tag's running total. */
export const HASHTAGS = table(
  () => ({ uses: [] as TagUse[], counts: new Map<string, { count: number; lastUsedAt: Date }>() }),
  (h) => ({ uses: [...h.uses], counts: new Map([...h.counts].map(([k, v]) => [k, { ...v }])) }),
);

export const InMemoryHashtagRepository = Layer.effect(
  HashtagRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const hashtags = () => store.get(HASHTAGS);
    return {
      recordUses: (tags, at) =>
        Effect.sync(() => {
          const { uses, counts } = hashtags();
          for (const tag of tags) {
            uses.push({ tag, at });
            const seen = counts.get(tag);
            counts.set(tag, { count: (seen?.count ?? 0) + 1, lastUsedAt: at });
          }
        }),
      usesSince: (since) => Effect.sync(() => hashtags().uses.filter((u) => u.at.getTime() >= since.getTime())),
    };
  }),
);
