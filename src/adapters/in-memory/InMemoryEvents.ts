import { Effect, Layer, PubSub, Stream } from "effect";
import { type DomainEvent, Events } from "../../application/ports/Events.js";

export const InMemoryEvents = Layer.effect(
  Events,
  Effect.gen(function* () {
    const hub = yield* PubSub.unbounded<DomainEvent>();
    return {
      publish: (events) => (events.length === 0 ? Effect.void : Effect.asVoid(PubSub.publishAll(hub, events))),
      subscribe: Stream.fromPubSub(hub),
    };
  }),
);
