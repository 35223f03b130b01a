import { Effect, Layer } from "effect";
import { ActivityHistory } from "../../application/ports/ActivityCounters.js";
import { isListed } from "../../domain/question/question.js";
import { InMemoryStore } from "./InMemoryStore.js";
import { QUESTIONS } from "./sharedTables.js";

export const InMemoryActivityHistory = Layer.effect(
  ActivityHistory,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    return {
      askedSince: (since) =>
        Effect.sync(() =>
          [...store.get(QUESTIONS).values()]
            .filter((q) => isListed(q) && q.createdAt.getTime() >= since.getTime())
            .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .map((q) => ({ questionId: q.id, hashtags: q.hashtags, regionCode: q.regionCode, at: q.createdAt })),
        ),
    };
  }),
);
