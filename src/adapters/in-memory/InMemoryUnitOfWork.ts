import { Context, Effect, Exit, Layer, Semaphore } from "effect";
import { UnitOfWork } from "../../application/ports/UnitOfWork.js";
import { InMemoryStore } from "./InMemoryStore.js";

const InTransaction = Context.Reference<boolean>("dongne/adapters/InMemoryInTransaction", { defaultValue: () => false });

/** One writer at a time (a global lock, like SERIALIZABLE); on any failure the tables roll back. */
export const InMemoryUnitOfWork = Layer.effect(
  UnitOfWork,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const lock = yield* Semaphore.make(1);
    return {
      transact: <A, E, R>(effect: Effect.Effect<A, E, R>) =>
        Effect.gen(function* () {
          if (yield* InTransaction) return yield* effect;
          return yield* Semaphore.withPermit(lock)(
            Effect.uninterruptibleMask((restore) =>
              Effect.gen(function* () {
                const before = store.snapshot();
                const exit = yield* Effect.exit(restore(Effect.provideService(effect, InTransaction, true)));
                if (Exit.isFailure(exit)) store.restore(before);
                return yield* exit;
              }),
            ),
          );
        }),
    };
  }),
);
