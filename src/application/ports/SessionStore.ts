import { Context, type Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import type { SessionTimes } from "../../domain/user/session.js";

/** What a store keeps of a session: never the token itself. */
export interface SessionRecord extends SessionTimes {
  /** Public handle of a session (auth.sessions, auth.revokeSession); grants nothing. */
  readonly id: string;
  readonly userId: UserId;
  /** The client that signed in (its User-Agent, shortened), to tell devices apart. */
  readonly userAgent: string | null;
}

export interface Session extends SessionRecord {
  readonly token: string;
}

export interface NewSession {
  readonly userId: UserId;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly userAgent: string | null;
}

/** Which sessions to end. */
export type Revocation =
  | { readonly _tag: "Token"; readonly token: string }
  | { readonly _tag: "Session"; readonly userId: UserId; readonly sessionId: string }
  | { readonly _tag: "AllOf"; readonly userId: UserId; readonly exceptSessionId?: string };

/**
 * Opaque bearer tokens; a store keeps only what it needs to resolve and revoke them. Lifetimes are the
 * application's rule (src/domain/user/session.ts): `resolve` answers any session it holds of a live account.
 * Every revocation goes through `revoke`, so a cache in front of `resolve` has one operation to hook.
 */
export class SessionStore extends Context.Service<
  SessionStore,
  {
    readonly create: (session: NewSession) => Effect.Effect<Session>;
    /** The session of `token`, unless unknown, revoked, purged, or its account deleted. */
    readonly resolve: (token: string) => Effect.Effect<SessionRecord | undefined>;
    /**
     * What `resolve` would answer now, when this store knows it without any I/O (a cache's memory); undefined
     * when it would have to ask. Never a session `resolve` would refuse. Optional: a store without memory has none.
     */
    readonly peek?: (token: string) => SessionRecord | undefined;
    /** Records activity (the idle timeout counts from it). */
    readonly touch: (sessionId: string, at: Date) => Effect.Effect<void>;
    /** The user's sessions, newest first, whatever their state. */
    readonly listFor: (userId: UserId) => Effect.Effect<readonly SessionRecord[]>;
    /** Ends the sessions named; the ids of those it ended. */
    readonly revoke: (which: Revocation) => Effect.Effect<readonly string[]>;
    /** Deletes sessions that expired before `expiredBefore` or were last seen before `idleBefore`; how many. */
    readonly purge: (bounds: { readonly expiredBefore: Date; readonly idleBefore: Date }) => Effect.Effect<number>;
  }
>()("dongne/SessionStore") {}
