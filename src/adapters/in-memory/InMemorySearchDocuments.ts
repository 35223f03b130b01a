import { Effect, Layer } from "effect";
import { type IndexedQuestion, SearchDocuments } from "../../application/ports/SearchDocuments.js";

/** A stand-in for the engine's documents, with a switch that makes it unreachable (for outage tests). */
export const makeInMemorySearchDocuments = () => {
  const docs = new Map<string, IndexedQuestion>();
  let reachable = true;
  const unavailable = Effect.fail({ _tag: "SearchUnavailable" as const, reason: "engine down (test switch)" });
  return {
    docs,
    setReachable: (value: boolean) => {
      reachable = value;
    },
    layer: Layer.succeed(SearchDocuments, {
      upsert: (batch) =>
        reachable
          ? Effect.sync(() => {
              for (const d of batch) docs.set(d.question.id, d);
            })
          : unavailable,
      remove: (ids) =>
        reachable
          ? Effect.sync(() => {
              for (const id of ids) docs.delete(id);
            })
          : unavailable,
    }),
  };
};
