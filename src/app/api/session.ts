import { Cause, Effect, Exit } from "effect";
import { authenticate, authenticatedAtOnce } from "../../application/account/authenticate.js";
import { DependencyUnavailable } from "../../application/errors.js";
import { AccountPolicy } from "../../application/ports/AccountPolicy.js";
import { Clock } from "../../application/ports/Clock.js";
import { type SessionRecord, SessionStore } from "../../application/ports/SessionStore.js";
import type { AppRuntime } from "../layers.js";
import { GENERIC } from "./errorCatalogue.js";
import { ApiFailure } from "./run.js";

type Peek = (token: string) => SessionRecord | undefined;
const peeks = new WeakMap<AppRuntime, Peek>();

/**
 * The session of a token when the session cache knows it in memory and nothing is due (authenticatedAtOnce),
 * without running an effect; undefined: resolve it. Knows nothing until the runtime's ports are resolved.
 */
export const peekSession = (runtime: AppRuntime, token: string): SessionRecord | undefined => {
  let peek = peeks.get(runtime);
  if (peek === undefined) {
    let known: Peek = () => undefined;
    peek = (t) => known(t);
    peeks.set(runtime, peek);
    runtime
      .runPromise(Effect.all([SessionStore, AccountPolicy, Clock]))
      .then(([store, policy, clock]) => {
        known = (t) => authenticatedAtOnce(store, policy.sessions, t, Effect.runSync(clock.now));
      })
      .catch(() => {});
  }
  return peek(token);
};

/** The live session of a token, or null; a session store that is down is UNAVAILABLE (try again), not INTERNAL. */
export const resolveSession = async (runtime: AppRuntime, token: string): Promise<SessionRecord | null> => {
  const known = peekSession(runtime, token);
  if (known) return known;
  const exit = await runtime.runPromiseExit(authenticate(token));
  if (Exit.isSuccess(exit)) return exit.value ?? null;
  const error = Cause.squash(exit.cause);
  if (error instanceof DependencyUnavailable) throw new ApiFailure(GENERIC.UNAVAILABLE);
  throw error;
};
