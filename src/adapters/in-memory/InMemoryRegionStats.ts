import { Effect, Layer } from "effect";
import { RegionStats } from "../../application/ports/RegionStats.js";
import { isListed } from "../../domain/question/question.js";
import { InMemoryStore } from "./InMemoryStore.js";
import { QUESTIONS, USERS } from "./sharedTables.js";

export const InMemoryRegionStats = Layer.effect(
  RegionStats,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    return {
      count: (codes) =>
        Effect.sync(() => {
          const within = new Set(codes);
          let questions = 0;
          for (const q of store.get(QUESTIONS).values()) if (isListed(q) && within.has(q.regionCode)) questions++;
          let users = 0;
          for (const u of store.get(USERS).values()) if (u.deletedAt === null && u.regionCode !== null && within.has(u.regionCode)) users++;
          return { questions, users };
        }),
    };
  }),
);
