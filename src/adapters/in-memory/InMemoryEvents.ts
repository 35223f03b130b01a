import { Effect, Layer } from "effect";
import { consumersOf, EventConsumers, EventLog } from "../../application/ports/EventLog.js";
import { Events } from "../../application/ports/Events.js";
import { QuestionId } from "../../domain/shared/ids.js";
import { InMemoryStore, type Tables } from "./InMemoryStore.js";

const deliveriesOf = (t: Tables, consumer: string) => {
  const existing = t.deliveries.get(consumer);
  if (existing) return existing;
  const fresh = new Set<number>();
  t.deliveries.set(consumer, fresh);
  return fresh;
};

/** Events live in the store's tables, so a unit of work that fails rolls its events back with everything else. */
export const InMemoryEvents = Layer.effect(
  Events,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    // Who listens is fixed when the layer is built (the composition root says).
    const consumers = yield* EventConsumers;
    return {
      record: (events) =>
        Effect.sync(() => {
          const t = store.tables;
          for (const event of events) {
            const id = ++t.eventSeq;
            t.events.push({ id, event, recordedAt: new Date() });
            for (const consumer of consumersOf(consumers, event)) deliveriesOf(t, consumer).add(id);
          }
        }),
    };
  }),
);

export const InMemoryEventLog = Layer.effect(
  EventLog,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const consumers = yield* EventConsumers;
    const t = () => store.tables;
    return {
      pending: (consumer, limit) =>
        Effect.sync(() => {
          const waiting = deliveriesOf(t(), consumer);
          return t()
            .events.filter((e) => waiting.has(e.id))
            .slice(0, limit);
        }),
      acknowledge: (consumer, ids) =>
        Effect.sync(() => {
          const waiting = deliveriesOf(t(), consumer);
          for (const id of ids) waiting.delete(id);
        }),
      backlog: (consumer) => Effect.sync(() => deliveriesOf(t(), consumer).size),
      purgeDelivered: (before) =>
        Effect.sync(() => {
          const waiting = new Set([...t().deliveries.values()].flatMap((s) => [...s]));
          const kept = t().events.filter((e) => e.recordedAt >= before || waiting.has(e.id));
          const purged = t().events.length - kept.length;
          t().events = kept;
          return purged;
        }),
      recordEveryQuestion: Effect.sync(() => {
        const ids = [...t().questions.keys()];
        for (const questionId of ids) {
          const event = { _tag: "QuestionChanged", questionId: QuestionId(questionId) } as const;
          const id = ++t().eventSeq;
          t().events.push({ id, event, recordedAt: new Date() });
          for (const consumer of consumersOf(consumers, event)) deliveriesOf(t(), consumer).add(id);
        }
        return ids.length;
      }),
    };
  }),
);
