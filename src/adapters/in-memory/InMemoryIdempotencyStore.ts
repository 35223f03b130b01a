import { Effect, Layer } from "effect";
import { IdempotencyStore, type StoredResponse } from "../../application/ports/IdempotencyStore.js";
import { InMemoryStore, mapTable } from "./InMemoryStore.js";

interface Entry {
  readonly fingerprint: string;
  readonly response: StoredResponse | null;
  readonly createdAt: Date;
  readonly lockedAt: Date;
}

export const KEYS = mapTable<string, Entry>();
const idOf = (scope: { readonly userId: string; readonly key: string }) => JSON.stringify([scope.userId, scope.key]);

/** The twin of PgIdempotencyStore: a claim is one synchronous step, so concurrent duplicates cannot both win. */
export const InMemoryIdempotencyStore = Layer.effect(
  IdempotencyStore,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const keys = () => store.get(KEYS);
    return {
      claim: (scope, fingerprint, at) =>
        Effect.sync(() => {
          const id = idOf(scope);
          const found = keys().get(id);
          const stale =
            found &&
            (found.createdAt.getTime() <= at.expiredBefore.getTime() ||
              (found.response === null && found.lockedAt.getTime() <= at.abandonedBefore.getTime()));
          if (!found || stale) {
            keys().set(id, { fingerprint, response: null, createdAt: at.now, lockedAt: at.now });
            return { _tag: "Claimed" as const };
          }
          if (found.fingerprint !== fingerprint) return { _tag: "Mismatch" as const };
          return found.response ? { _tag: "Replay" as const, response: found.response } : { _tag: "InProgress" as const };
        }),
      complete: (scope, response) =>
        Effect.sync(() => {
          const found = keys().get(idOf(scope));
          if (found) keys().set(idOf(scope), { ...found, response });
        }),
      release: (scope) =>
        Effect.sync(() => {
          if (keys().get(idOf(scope))?.response === null) keys().delete(idOf(scope));
        }),
      purge: (createdBefore) =>
        Effect.sync(() => {
          let n = 0;
          for (const [id, e] of keys())
            if (e.createdAt.getTime() <= createdBefore.getTime()) {
              keys().delete(id);
              n++;
            }
          return n;
        }),
    };
  }),
);
