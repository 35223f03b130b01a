import { Effect } from "effect";
import { needsTouch, type SessionLifetimes, sessionState } from "../../domain/user/session.js";
import { AccountPolicy } from "../ports/AccountPolicy.js";
import { Clock } from "../ports/Clock.js";
import { type SessionRecord, SessionStore } from "../ports/SessionStore.js";

/**
 * The session a bearer token belongs to, or undefined for a missing, expired, idle or revoked token. A live
 * session's activity is recorded (at most once a minute); an expired or idle one is ended at once.
 */
export const authenticate = Effect.fn("authenticate")(function* (token: string) {
  const now = yield* (yield* Clock).now;
  const store = yield* SessionStore;
  const { sessions: lifetimes } = yield* AccountPolicy;
  const session = yield* store.resolve(token);
  if (!session) return undefined;
  if (sessionState(session, now, lifetimes) !== "live") {
    yield* store.revoke({ _tag: "Token", token });
    return undefined;
  }
  if (needsTouch(session, now, lifetimes)) yield* store.touch(session.id, now);
  return session;
});

/**
 * authenticate's answer without running it, when the store knows the session at once (`peek`) and nothing is
 * due: live, its activity recorded recently enough. Undefined: run authenticate (it may end or touch the session).
 */
export const authenticatedAtOnce = (
  store: SessionStore["Service"],
  lifetimes: SessionLifetimes,
  token: string,
  now: Date,
): SessionRecord | undefined => {
  const session = store.peek?.(token);
  return session && sessionState(session, now, lifetimes) === "live" && !needsTouch(session, now, lifetimes) ? session : undefined;
};
