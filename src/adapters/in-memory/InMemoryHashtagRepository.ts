import { Effect, Layer } from "effect";
import { HashtagRepository } from "../../application/ports/HashtagRepository.js";
import { InMemoryStore } from "./InMemoryStore.js";

export const InMemoryHashtagRepository = Layer.effect(
  HashtagRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const t = () => store.tables;
    return {
      recordUses: (tags, at) =>
        Effect.sync(() => {
          for (const tag of tags) {
            t().tagUses.push({ tag, at });
            const seen = t().tagCounts.get(tag);
            t().tagCounts.set(tag, { count: (seen?.count ?? 0) + 1, lastUsedAt: at });
          }
        }),
      usesSince: (since) => Effect.sync(() => t().tagUses.filter((u) => u.at.getTime() >= since.getTime())),
    };
  }),
);
