import { Effect, Layer } from "effect";
import { consumersOf, type EventConsumer, EventConsumers, EventLog, type RecordedEvent } from "../../application/ports/EventLog.js";
import { type DomainEvent, Events } from "../../application/ports/Events.js";
import { QuestionId } from "../../domain/shared/ids.js";
import { InMemoryStore, table } from "./InMemoryStore.js";
import { QUESTIONS } from "./sharedTables.js";

/**
 * Recorded events, per consumer the ids of those it has not yet handled, and the last id given out.
 * A table of the store, so a unit of work that fails rolls its events back with everything else.
 */
export const EVENT_LOG = table(
  () => ({ events: [] as RecordedEvent[], deliveries: new Map<string, Set<number>>(), lastId: 0 }),
  (log) => ({ events: [...log.events], deliveries: new Map([...log.deliveries].map(([k, v]) => [k, new Set(v)])), lastId: log.lastId }),
);
type Log = ReturnType<typeof EVENT_LOG.empty>;

const deliveriesOf = (log: Log, consumer: string) => {
  const existing = log.deliveries.get(consumer);
  if (existing) return existing;
  const fresh = new Set<number>();
  log.deliveries.set(consumer, fresh);
  return fresh;
};

const append = (log: Log, consumers: readonly EventConsumer[], events: readonly DomainEvent[]) => {
  for (const event of events) {
    const id = ++log.lastId;
    log.events.push({ id, event, recordedAt: new Date() });
    for (const consumer of consumersOf(consumers, event)) deliveriesOf(log, consumer).add(id);
  }
};

export const InMemoryEvents = Layer.effect(
  Events,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    // Who listens is fixed when the layer is built (the composition root says).
    const consumers = yield* EventConsumers;
    return {
      record: (events) => Effect.sync(() => append(store.get(EVENT_LOG), consumers, events)),
    };
  }),
);

export const InMemoryEventLog = Layer.effect(
  EventLog,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const consumers = yield* EventConsumers;
    const log = () => store.get(EVENT_LOG);
    return {
      pending: (consumer, limit) =>
        Effect.sync(() => {
          const waiting = deliveriesOf(log(), consumer);
          return log()
            .events.filter((e) => waiting.has(e.id))
            .slice(0, limit);
        }),
      acknowledge: (consumer, ids) =>
        Effect.sync(() => {
          const waiting = deliveriesOf(log(), consumer);
          for (const id of ids) waiting.delete(id);
        }),
      backlog: (consumer) => Effect.sync(() => deliveriesOf(log(), consumer).size),
      purgeDelivered: (before) =>
        Effect.sync(() => {
          const l = log();
          const waiting = new Set([...l.deliveries.values()].flatMap((s) => [...s]));
          const kept = l.events.filter((e) => e.recordedAt >= before || waiting.has(e.id));
          const purged = l.events.length - kept.length;
          l.events = kept;
          return purged;
        }),
      recordEveryQuestion: Effect.sync(() => {
        const ids = [...store.get(QUESTIONS).keys()];
        append(
          log(),
          consumers,
          ids.map((questionId) => ({ _tag: "QuestionChanged", questionId: QuestionId(questionId) }) as const),
        );
        return ids.length;
      }),
    };
  }),
);
