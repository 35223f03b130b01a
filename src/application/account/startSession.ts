import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { sessionExpiry } from "../../domain/user/session.js";
import { AccountPolicy } from "../ports/AccountPolicy.js";
import { Clock } from "../ports/Clock.js";
import { SessionStore } from "../ports/SessionStore.js";

/** Who signs in from where, as the transport knows it. */
export interface ClientInfo {
  /** The client's address (X-Forwarded-For only behind a trusted proxy); null when unknown. */
  readonly address: string | null;
  readonly userAgent: string | null;
}

export const NO_CLIENT: ClientInfo = { address: null, userAgent: null };

/** A fresh session (a new token, never a reused one) with the policy's absolute lifetime. */
export const startSession = Effect.fn("startSession")(function* (userId: UserId, client: ClientInfo) {
  const now = yield* (yield* Clock).now;
  const { sessions } = yield* AccountPolicy;
  return yield* (yield* SessionStore).create({
    userId,
    createdAt: now,
    expiresAt: sessionExpiry(now, sessions),
    userAgent: client.userAgent?.slice(0, 200) ?? null,
  });
});
