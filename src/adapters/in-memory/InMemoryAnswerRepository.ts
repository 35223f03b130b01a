import { Effect, Layer } from "effect";
import { AnswerRepository } from "../../application/ports/AnswerRepository.js";
import { InMemoryStore } from "./InMemoryStore.js";
import { ANSWERS, QUESTIONS } from "./sharedTables.js";

export const InMemoryAnswerRepository = Layer.effect(
  AnswerRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const answers = () => store.get(ANSWERS);
    return {
      insert: (a) => Effect.sync(() => void answers().set(a.id, a)),
      findById: (id) => Effect.sync(() => answers().get(id)),
      listByQuestion: (questionId) =>
        Effect.sync(() =>
          [...answers().values()]
            .filter((a) => a.questionId === questionId && a.deletedAt === null)
            .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1)),
        ),
      save: (a) =>
        Effect.sync(() => {
          const current = answers().get(a.id);
          if (current) answers().set(a.id, { ...a, likeCount: current.likeCount });
        }),
      addLikes: (id, delta) =>
        Effect.sync(() => {
          const a = answers().get(id);
          if (a) answers().set(id, { ...a, likeCount: a.likeCount + delta });
        }),
      countAcceptedInRegions: (authorId, regionCodes) =>
        Effect.sync(
          () =>
            [...answers().values()].filter((a) => {
              if (a.authorId !== authorId || !a.isAccepted || a.deletedAt !== null) return false;
              const q = store.get(QUESTIONS).get(a.questionId);
              return q !== undefined && regionCodes.includes(q.regionCode);
            }).length,
        ),
    };
  }),
);
