import { Effect } from "effect";
import { purgeBefore } from "../../domain/user/session.js";
import { AccountPolicy } from "../ports/AccountPolicy.js";
import { Clock } from "../ports/Clock.js";
import { SessionStore } from "../ports/SessionStore.js";

/** Deletes every session that can never be live again (expired, or idle past the timeout); how many. */
export const purgeSessions = Effect.fn("purgeSessions")(function* () {
  const now = yield* (yield* Clock).now;
  const { sessions } = yield* AccountPolicy;
  return yield* (yield* SessionStore).purge(purgeBefore(now, sessions));
});
