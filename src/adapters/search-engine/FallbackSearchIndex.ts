import { Cause, Context, Duration, Effect, Layer } from "effect";
import { SearchIndex } from "../../application/ports/SearchIndex.js";
import { type BreakerState, CircuitOpen, makeCircuitBreaker } from "./CircuitBreaker.js";

type Index = SearchIndex["Service"];
export type SearchOperation = "search" | "suggest" | "trending" | "similar";
/** Why PostgreSQL answered: the engine failed, took longer than the budget, or was not tried (circuit open). */
export type DegradeReason = "failed" | "timeout" | "circuit_open";

export interface EngineGuardOptions {
  /** How long an engine call may take before PostgreSQL answers instead. */
  readonly budget: Duration.Input;
  /** Consecutive failed or late engine calls that open the circuit breaker. */
  readonly failureThreshold: number;
  /** How long an open breaker sends every call straight to PostgreSQL before one probe goes to the engine. */
  readonly coolDown: Duration.Input;
}

export const ENGINE_GUARD_DEFAULTS: EngineGuardOptions = { budget: "1 second", failureThreshold: 3, coolDown: "10 seconds" };

export interface GuardReporter {
  /** PostgreSQL answered a call meant for the engine. */
  readonly degraded: (operation: SearchOperation, reason: DegradeReason, cause: Cause.Cause<unknown>) => Effect.Effect<void>;
  readonly breaker: (to: BreakerState, from: BreakerState) => Effect.Effect<void>;
}

/** Thrown (as a defect) when an engine call outlasts its budget; the call itself is interrupted. */
export class EngineTimeout extends Error {
  override readonly name = "EngineTimeout";
}

const each = (index: Index, wrap: <A>(operation: SearchOperation, call: Effect.Effect<A>) => Effect.Effect<A>): Index => ({
  search: (r) => wrap("search", index.search(r)),
  suggest: (p, n, regionCode) => wrap("suggest", index.suggest(p, n, regionCode)),
  categoryCountsSince: (since) => wrap("trending", index.categoryCountsSince(since)),
  similar: (r) => wrap("similar", index.similar(r)),
});

/** Every call ends within `budget`: a late one is interrupted (its HTTP request aborted) and dies with EngineTimeout. */
export const withTimeBudget = (index: Index, budget: Duration.Input): Index => {
  const label = Duration.format(Duration.fromInputUnsafe(budget));
  return each(index, (operation, call) =>
    call.pipe(
      Effect.timeout(budget),
      Effect.catchTag("TimeoutError", () => Effect.die(new EngineTimeout(`search engine ${operation} took longer than ${label}`))),
    ),
  );
};

/** One breaker for all operations: they share the engine, so they share its health. */
export const withCircuitBreaker = (index: Index, breaker: { readonly run: <A>(call: Effect.Effect<A>) => Effect.Effect<A> }): Index =>
  each(index, (_, call) => breaker.run(call));

const reasonOf = (cause: Cause.Cause<unknown>): DegradeReason => {
  const error = Cause.squash(cause);
  return error instanceof CircuitOpen ? "circuit_open" : error instanceof EngineTimeout ? "timeout" : "failed";
};

/** The primary first; whatever goes wrong, the fallback answers, says `degraded: true`, and the reporter hears why. */
export const withFallback = (primary: Index, fallback: Index, report: GuardReporter["degraded"]): Index => {
  const guard = <A extends object>(operation: SearchOperation, first: Effect.Effect<A>, second: Effect.Effect<A>) =>
    first.pipe(
      Effect.catchCause((cause) =>
        // A caller that gave up gets no answer from anyone.
        Cause.hasInterruptsOnly(cause)
          ? Effect.failCause(cause)
          : Effect.andThen(
              report(operation, reasonOf(cause), cause),
              Effect.map(second, (answer) => ({ ...answer, degraded: true })),
            ),
      ),
    );
  return {
    search: (r) => guard("search", primary.search(r), fallback.search(r)),
    suggest: (p, n, regionCode) => guard("suggest", primary.suggest(p, n, regionCode), fallback.suggest(p, n, regionCode)),
    categoryCountsSince: (since) => guard("trending", primary.categoryCountsSince(since), fallback.categoryCountsSince(since)),
    similar: (r) => guard("similar", primary.similar(r), fallback.similar(r)),
  };
};

/**
 * The engine, guarded: each call has a time budget, a circuit breaker stops calling an engine that keeps
 * failing until a probe succeeds, and the search index already in context (PostgreSQL) answers whenever the
 * engine does not. Users get results, marked `degraded`, never errors or long waits.
 */
export const withFallbackTo = <E, R>(
  engine: Layer.Layer<SearchIndex, E, R>,
  report: GuardReporter,
  options: Partial<EngineGuardOptions> = {},
): Layer.Layer<SearchIndex, E, R | SearchIndex> =>
  Layer.effect(
    SearchIndex,
    Effect.gen(function* () {
      const o = { ...ENGINE_GUARD_DEFAULTS, ...options };
      const fallback = yield* SearchIndex;
      const primary = Context.get(yield* Layer.build(engine), SearchIndex);
      const breaker = yield* makeCircuitBreaker({ failureThreshold: o.failureThreshold, coolDown: o.coolDown, onChange: report.breaker });
      return withFallback(withCircuitBreaker(withTimeBudget(primary, o.budget), breaker), fallback, report.degraded);
    }),
  );
