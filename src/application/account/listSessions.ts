import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { sessionState } from "../../domain/user/session.js";
import { AccountPolicy } from "../ports/AccountPolicy.js";
import { Clock } from "../ports/Clock.js";
import { SessionStore } from "../ports/SessionStore.js";

/** The caller's signed-in devices: live sessions only, newest first, the current one marked. */
export const listSessions = Effect.fn("listSessions")(function* (userId: UserId, currentSessionId: string | null) {
  const now = yield* (yield* Clock).now;
  const { sessions: lifetimes } = yield* AccountPolicy;
  const all = yield* (yield* SessionStore).listFor(userId);
  return all
    .filter((s) => sessionState(s, now, lifetimes) === "live")
    .map((s) => ({ ...s, current: s.id === currentSessionId, idleExpiresAt: new Date(s.lastSeenAt.getTime() + lifetimes.idleMs) }));
});
