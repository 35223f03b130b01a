import { Cause, Clock, Duration, Effect, Exit, Ref } from "effect";

export type BreakerState = "closed" | "open" | "half-open";

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  readonly failureThreshold: number;
  /** How long an open breaker refuses calls before it lets one probe through. */
  readonly coolDown: Duration.Input;
  /** Hears every change of state (a log line, a metric). */
  readonly onChange?: (to: BreakerState, from: BreakerState) => Effect.Effect<void>;
  /** What the breaker guards, for the message of a refused call ("search engine" unless told). */
  readonly name?: string;
}

/** A call refused without being tried: the breaker is open, or its probe is still under way. */
export class CircuitOpen extends Error {
  override readonly name = "CircuitOpen";
}

type State =
  | { readonly _tag: "closed"; readonly failures: number }
  | { readonly _tag: "open"; readonly until: number }
  | { readonly _tag: "half-open" };

type Role = "call" | "probe" | "refused";

const stateName = (s: State): BreakerState => (s._tag === "half-open" ? "half-open" : s._tag);

/**
 * Closed: calls go through, and `failureThreshold` failures in a row open it. Open: every call is
 * refused at once (fails with CircuitOpen) until the cool-down is over; then one call is the probe
 * (half-open) while the others are still refused. The probe's success closes the breaker, its failure
 * opens it for another cool-down. A caller that gives up (interruption) proves nothing either way.
 */
export const makeCircuitBreaker = (options: BreakerOptions) =>
  Effect.gen(function* () {
    const coolDownMs = Duration.toMillis(options.coolDown);
    const ref = yield* Ref.make<State>({ _tag: "closed", failures: 0 });
    const notify = (from: State, to: State) =>
      stateName(from) === stateName(to) || !options.onChange ? Effect.void : options.onChange(stateName(to), stateName(from));
    const transition = (f: (s: State, now: number) => State) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis;
        const [from, to] = yield* Ref.modify(ref, (s): readonly [readonly [State, State], State] => {
          const next = f(s, now);
          return [[s, next], next];
        });
        yield* notify(from, to);
      });

    const admit = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis;
      const [role, from, to] = yield* Ref.modify(ref, (s): readonly [readonly [Role, State, State], State] => {
        if (s._tag === "closed") return [["call", s, s], s];
        if (s._tag === "open" && now >= s.until) return [["probe", s, { _tag: "half-open" }], { _tag: "half-open" }];
        return [["refused", s, s], s];
      });
      yield* notify(from, to);
      return role;
    });

    // Only the probe decides a half-open breaker; a call admitted earlier counts only while it is closed.
    const settle = <A, E>(role: "call" | "probe", exit: Exit.Exit<A, E>) => {
      const outcome = Exit.isSuccess(exit) ? "success" : Cause.hasInterruptsOnly(exit.cause) ? "abandoned" : "failure";
      if (role === "probe")
        return transition((s, now) => {
          if (s._tag !== "half-open") return s;
          if (outcome === "success") return { _tag: "closed", failures: 0 };
          // An abandoned probe leaves the way open for the next call to probe.
          return { _tag: "open", until: outcome === "failure" ? now + coolDownMs : now };
        });
      if (outcome === "abandoned") return Effect.void;
      return transition((s, now) => {
        if (s._tag !== "closed") return s;
        if (outcome === "success") return s.failures === 0 ? s : { _tag: "closed", failures: 0 };
        const failures = s.failures + 1;
        return failures >= options.failureThreshold ? { _tag: "open", until: now + coolDownMs } : { _tag: "closed", failures };
      });
    };

    /** Runs `effect` when the breaker lets it, and counts its outcome; a refused call dies with CircuitOpen. */
    const run = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
      Effect.flatMap(admit, (role) =>
        role === "refused"
          ? Effect.die(new CircuitOpen(`${options.name ?? "search engine"} circuit open: not tried`))
          : Effect.onExit(effect, (exit) => settle(role, exit)),
      );

    return { run, state: Effect.map(Ref.get(ref), stateName) };
  });

export type CircuitBreaker = Effect.Success<ReturnType<typeof makeCircuitBreaker>>;
