import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { SessionNotFound } from "../errors.js";
import { SessionStore } from "../ports/SessionStore.js";

/** Signs one of the caller's own devices out; another user's session id is as unknown as a made-up one. */
export const revokeSession = Effect.fn("revokeSession")(function* (userId: UserId, sessionId: string) {
  const ended = yield* (yield* SessionStore).revoke({ _tag: "Session", userId, sessionId });
  if (ended.length === 0) return yield* Effect.fail(SessionNotFound);
  return { ok: true as const };
});
