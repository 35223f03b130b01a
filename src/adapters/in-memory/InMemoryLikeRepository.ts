import { Effect, Layer } from "effect";
import { LikeRepository } from "../../application/ports/LikeRepository.js";
import { InMemoryStore, table } from "./InMemoryStore.js";

/** One `kind|target|user` per like. */
const LIKES = table(
  () => new Set<string>(),
  (likes) => new Set(likes),
);

export const InMemoryLikeRepository = Layer.effect(
  LikeRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    return {
      add: (kind, targetId, userId) =>
        Effect.sync(() => {
          const key = `${kind}|${targetId}|${userId}`;
          const likes = store.get(LIKES);
          if (likes.has(key)) return false;
          likes.add(key);
          return true;
        }),
    };
  }),
);
