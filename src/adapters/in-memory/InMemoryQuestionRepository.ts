import { Effect, Layer } from "effect";
import { QuestionRepository } from "../../application/ports/QuestionRepository.js";
import { compareKeys, sortKey } from "../../domain/question/ordering.js";
import { isListed, type Question } from "../../domain/question/question.js";
import { distanceKm } from "../../domain/shared/geo.js";
import type { QuestionId } from "../../domain/shared/ids.js";
import { InMemoryStore } from "./InMemoryStore.js";
import { ANSWERS, QUESTIONS } from "./sharedTables.js";

export const InMemoryQuestionRepository = Layer.effect(
  QuestionRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const questions = () => store.get(QUESTIONS);
    const findById = (id: string) => Effect.sync(() => questions().get(id));
    return {
      insert: (q) =>
        Effect.sync(() => {
          questions().set(q.id, q);
        }),
      findById,
      findByIds: (ids) => Effect.sync(() => [...new Set(ids)].flatMap((id) => questions().get(id) ?? [])),
      findForUpdate: findById,
      findForUpdateByAnswer: (answerId) =>
        Effect.sync(() => {
          const answer = store.get(ANSWERS).get(answerId);
          return answer ? questions().get(answer.questionId) : undefined;
        }),
      save: (q) =>
        Effect.sync(() => {
          const current = questions().get(q.id);
          if (current)
            questions().set(q.id, { ...q, viewCount: current.viewCount, likeCount: current.likeCount, answerCount: current.answerCount });
        }),
      list: (query) =>
        Effect.sync(() =>
          [...questions().values()]
            .filter(
              (q) =>
                isListed(q) &&
                (!query.regionCodes || query.regionCodes.includes(q.regionCode)) &&
                (!query.category || q.category === query.category) &&
                (!query.statuses || (query.statuses as readonly string[]).includes(q.status)) &&
                (!query.authorId || q.authorId === query.authorId),
            )
            .map((q) => ({ q, key: sortKey(q, query.sort) }))
            .filter(({ key }) => !query.after || compareKeys(key, query.after) > 0)
            .sort((a, b) => compareKeys(a.key, b.key))
            .slice(0, query.limit)
            .map(({ q }) => q),
        ),
      nearby: ({ center, radiusKm, limit }) =>
        Effect.sync(() =>
          [...questions().values()]
            .filter((q): q is Question & { location: NonNullable<Question["location"]> } => isListed(q) && q.location !== null)
            .map((question) => ({ question, distanceKm: distanceKm(center, question.location) }))
            .filter((r) => r.distanceKm <= radiusKm)
            .sort((a, b) => a.distanceKm - b.distanceKm || (a.question.id < b.question.id ? -1 : 1))
            .slice(0, limit),
        ),
      addToCounters: (id, d) =>
        Effect.sync(() => {
          const q = questions().get(id);
          if (!q) return undefined;
          const viewCount = q.viewCount + (d.views ?? 0);
          questions().set(id, {
            ...q,
            viewCount,
            answerCount: q.answerCount + (d.answers ?? 0),
            likeCount: q.likeCount + (d.likes ?? 0),
          });
          return viewCount;
        }),
      addViews: (views) =>
        Effect.sync(() => {
          const after = new Map<QuestionId, number>();
          for (const [id, n] of views) {
            const q = questions().get(id);
            if (!q) continue;
            questions().set(id, { ...q, viewCount: q.viewCount + n });
            after.set(id, q.viewCount + n);
          }
          return after;
        }),
    };
  }),
);
