import { Effect } from "effect";
import { Clock } from "../ports/Clock.js";
import { SessionStore } from "../ports/SessionStore.js";

/** The user a bearer token belongs to, or undefined for a missing, expired or revoked token. */
export const authenticate = Effect.fn("authenticate")(function* (token: string) {
  const now = yield* (yield* Clock).now;
  return yield* (yield* SessionStore).resolve(token, now);
});
