import { Effect } from "effect";
import { needsTouch, sessionState } from "../../domain/user/session.js";
import { AccountPolicy } from "../ports/AccountPolicy.js";
import { Clock } from "../ports/Clock.js";
import { SessionStore } from "../ports/SessionStore.js";

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
