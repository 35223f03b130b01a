import { Context, type Effect } from "effect";

/**
 * Runs an effect atomically: every repository write inside it commits together or not at all.
 * Nested calls join the outer unit of work.
 */
export class UnitOfWork extends Context.Service<
  UnitOfWork,
  { readonly transact: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R> }
>()("dongne/UnitOfWork") {}
