import { Effect, Layer } from "effect";
import { AnswerRepository } from "../../application/ports/AnswerRepository.js";
import { InMemoryStore } from "./InMemoryStore.js";

export const InMemoryAnswerRepository = Layer.effect(
  AnswerRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const t = () => store.tables;
    return {
      insert: (a) => Effect.sync(() => void t().answers.set(a.id, a)),
      findById: (id) => Effect.sync(() => t().answers.get(id)),
      listByQuestion: (questionId) =>
        Effect.sync(() =>
          [...t().answers.values()]
            .filter((a) => a.questionId === questionId && a.deletedAt === null)
            .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1)),
        ),
      save: (a) =>
        Effect.sync(() => {
          const current = t().answers.get(a.id);
          if (current) t().answers.set(a.id, { ...a, likeCount: current.likeCount });
        }),
      addLikes: (id, delta) =>
        Effect.sync(() => {
          const a = t().answers.get(id);
          if (a) t().answers.set(id, { ...a, likeCount: a.likeCount + delta });
        }),
      countAcceptedInRegions: (authorId, regionCodes) =>
        Effect.sync(
          () =>
            [...t().answers.values()].filter((a) => {
              if (a.authorId !== authorId || !a.isAccepted || a.deletedAt !== null) return false;
              const q = t().questions.get(a.questionId);
              return q !== undefined && regionCodes.includes(q.regionCode);
            }).length,
        ),
    };
  }),
);
