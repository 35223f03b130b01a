import { Context, type Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";

export interface IdempotencyScope {
  readonly userId: UserId;
  readonly key: string;
}

/** What a request answered: its value, or its typed error (by stable code). JSON only. */
export type StoredResponse = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly code: string };

export type Claim =
  /** The key is new (or expired, or its first request was abandoned): run the request. */
  | { readonly _tag: "Claimed" }
  /** The same request ran before: answer what it answered. */
  | { readonly _tag: "Replay"; readonly response: StoredResponse }
  /** The key came with another request. */
  | { readonly _tag: "Mismatch" }
  /** The same request is running right now. */
  | { readonly _tag: "InProgress" };

/**
 * Idempotency keys per user. `claim` is atomic: of concurrent duplicates exactly one is Claimed. A claim
 * older than `expiredBefore` counts as absent; one still in progress since before `abandonedBefore`
 * (its process died) may be claimed again.
 */
export class IdempotencyStore extends Context.Service<
  IdempotencyStore,
  {
    readonly claim: (
      scope: IdempotencyScope,
      fingerprint: string,
      at: { readonly now: Date; readonly expiredBefore: Date; readonly abandonedBefore: Date },
    ) => Effect.Effect<Claim>;
    readonly complete: (scope: IdempotencyScope, response: StoredResponse) => Effect.Effect<void>;
    /** Forgets a claim whose request failed in a way worth retrying (the service was unavailable). */
    readonly release: (scope: IdempotencyScope) => Effect.Effect<void>;
    readonly purge: (createdBefore: Date) => Effect.Effect<number>;
  }
>()("dongne/IdempotencyStore") {}
