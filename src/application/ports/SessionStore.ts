import { Context, type Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";

export interface Session {
  readonly token: string;
  readonly userId: UserId;
  readonly expiresAt: Date;
}

/** Opaque bearer tokens; a store keeps only what it needs to resolve and revoke them. */
export class SessionStore extends Context.Service<
  SessionStore,
  {
    readonly create: (userId: UserId, expiresAt: Date) => Effect.Effect<Session>;
    readonly resolve: (token: string, now: Date) => Effect.Effect<UserId | undefined>;
    /** As resolve, with the session's expiry (a cache in front keeps an entry no longer than the session). */
    readonly find: (token: string, now: Date) => Effect.Effect<{ readonly userId: UserId; readonly expiresAt: Date } | undefined>;
    readonly revoke: (token: string) => Effect.Effect<void>;
    readonly revokeAllFor: (userId: UserId) => Effect.Effect<void>;
  }
>()("dongne/SessionStore") {}
