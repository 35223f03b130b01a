import { Effect, Layer } from "effect";
import { LikeRepository } from "../../application/ports/LikeRepository.js";
import { InMemoryStore } from "./InMemoryStore.js";

export const InMemoryLikeRepository = Layer.effect(
  LikeRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    return {
      add: (kind, targetId, userId) =>
        Effect.sync(() => {
          const key = `${kind}|${targetId}|${userId}`;
          if (store.tables.likes.has(key)) return false;
          store.tables.likes.add(key);
          return true;
        }),
    };
  }),
);
