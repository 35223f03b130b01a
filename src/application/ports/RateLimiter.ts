import { Context, type Effect } from "effect";

/** Every limit the service keeps, each with its own budget (RATE_LIMIT_* in the README). */
export const LIMITS = [
  "loginPerAccount",
  "loginPerAddress",
  "registerPerAccount",
  "registerPerAddress",
  /** A new user's questions (per user). */
  "newUserQuestions",
  /** A new user's answers (per user): the spacing between them. */
  "newUserAnswers",
  /** One text posted again by its author (per user and text). */
  "repost",
] as const;
export type LimitName = (typeof LIMITS)[number];

export interface LimitBudget {
  /** Attempts allowed per window. */
  readonly points: number;
  readonly windowMs: number;
}

export type RateDecision = { readonly _tag: "Allowed" } | { readonly _tag: "Limited"; readonly retryAfterMs: number };

/**
 * Counters shared by every service process (PostgreSQL, later Redis) with an in-process fallback when the
 * store fails or is slow. Keys are opaque to the store (it keeps digests). With limits switched off
 * (RATE_LIMITS=off) every attempt is allowed.
 */
export class RateLimiter extends Context.Service<
  RateLimiter,
  {
    /** Counts one attempt; Limited (and not counted further) once the window's budget is spent. */
    readonly consume: (limit: LimitName, key: string) => Effect.Effect<RateDecision>;
    /** Gives one attempt back (it turned out not to count: a successful login, input refused before any work). */
    readonly refund: (limit: LimitName, key: string) => Effect.Effect<void>;
    /** Forgets the key's attempts (a successful login clears its account's failures). */
    readonly reset: (limit: LimitName, key: string) => Effect.Effect<void>;
  }
>()("dongne/RateLimiter") {}
