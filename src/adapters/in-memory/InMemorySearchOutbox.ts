import { Effect, Layer } from "effect";
import { SearchOutbox } from "../../application/ports/SearchOutbox.js";
import { QuestionId } from "../../domain/shared/ids.js";
import { enqueueForSearch, InMemoryStore } from "./InMemoryStore.js";

export const InMemorySearchOutbox = Layer.effect(
  SearchOutbox,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const t = () => store.tables;
    return {
      take: (limit) =>
        Effect.sync(() =>
          [...t().outbox]
            .sort((a, b) => a[1] - b[1])
            .slice(0, limit)
            .map(([id, version]) => ({ questionId: QuestionId(id), version })),
        ),
      complete: (entries) =>
        Effect.sync(() => {
          for (const e of entries) if (t().outbox.get(e.questionId) === e.version) t().outbox.delete(e.questionId);
        }),
      pending: Effect.sync(() => t().outbox.size),
      enqueueAll: Effect.sync(() => {
        const ids = [...t().questions.keys()];
        enqueueForSearch(t(), ids);
        return ids.length;
      }),
    };
  }),
);
