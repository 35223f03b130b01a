import { Context, type Effect } from "effect";
import type { DomainEvent } from "./Events.js";

export interface RecordedEvent {
  /** Increasing in recording order; for one aggregate, in commit order (its writers serialize on its row lock). */
  readonly id: number;
  readonly event: DomainEvent;
  readonly recordedAt: Date;
}

/**
 * Who receives events: a delivery is stored for each of these consumers with every recorded event
 * (set by the composition root, e.g. "search-engine" when an engine is configured). A consumer added
 * later receives events recorded from then on; a rebuild (recordEveryQuestion) covers the past.
 */
export interface EventConsumer {
  readonly name: string;
  /** The kinds of event it is given; others are not stored for it. */
  readonly wants: readonly DomainEvent["_tag"][];
}
export const EventConsumers = Context.Reference<readonly EventConsumer[]>("dongne/EventConsumers", { defaultValue: () => [] });

/** The consumers that want an event. */
export const consumersOf = (consumers: readonly EventConsumer[], event: DomainEvent): readonly string[] =>
  consumers.filter((c) => c.wants.includes(event._tag)).map((c) => c.name);

/** The stored events, as their consumers see them: each takes its own deliveries and acknowledges them when handled. */
export class EventLog extends Context.Service<
  EventLog,
  {
    /** The consumer's oldest unacknowledged events, in recording order. */
    readonly pending: (consumer: string, limit: number) => Effect.Effect<readonly RecordedEvent[]>;
    /** Handled: these deliveries are done (events acknowledged twice, or already gone, are ignored). */
    readonly acknowledge: (consumer: string, ids: readonly number[]) => Effect.Effect<void>;
    /** How many of the consumer's deliveries wait. */
    readonly backlog: (consumer: string) => Effect.Effect<number>;
    /** Removes events recorded before `before` that no consumer still waits for; returns how many. */
    readonly purgeDelivered: (before: Date) => Effect.Effect<number>;
    /** A QuestionChanged for every question, for a consumer's rebuild; returns how many. */
    readonly recordEveryQuestion: Effect.Effect<number>;
  }
>()("dongne/EventLog") {}
