import { createHash } from "node:crypto";
import { Effect } from "effect";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { LIMITS, type LimitName, type RateDecision, type RateLimiter } from "../../application/ports/RateLimiter.js";
import type { RateLimitPolicyShape } from "../../application/ports/RateLimitPolicy.js";

/** What rate-limiter-flexible's limiters take: points per `duration` seconds under a key prefix. */
export interface LimiterOptions {
  readonly keyPrefix: string;
  readonly points: number;
  readonly duration: number;
  /**
   * A key refused once is refused in process until its window ends (rate-limiter-flexible's in-memory block):
   * a storm of guesses at one account costs the store one call per process, not one per guess.
   */
  readonly inMemoryBlockOnConsumed?: number;
}

/**
 * Builds the shared-store limiter of one limit (RateLimiterPostgres here; RateLimiterRedis with the same
 * options when Redis is wired). Give it no `insuranceLimiter`: the wrapper below is the insurance, for a
 * store that fails and for one that is slow (a late failure would otherwise count the attempt twice).
 */
export type StoreLimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

export interface FlexibleLimiterSettings {
  readonly policy: RateLimitPolicyShape;
  /** Omitted: in-process counters only (one service process). */
  readonly store?: StoreLimiterFactory;
  /** How long a store call may take before the in-process counter answers instead. */
  readonly storeBudgetMs?: number;
  /** Told when the in-process counter answered in the store's place (a log line, a metric). */
  readonly onFallback?: (limit: LimitName, reason: string) => void;
}

const ALLOWED: RateDecision = { _tag: "Allowed" };

/** Keys are kept as digests: the store never holds an email or an address in the clear. */
const keyOf = (key: string) => createHash("sha256").update(key).digest("base64url").slice(0, 32);

/** The RateLimiter port on rate-limiter-flexible, with a time budget and an in-process fallback for the store. */
export const makeFlexibleRateLimiter = (settings: FlexibleLimiterSettings): RateLimiter["Service"] => {
  const budgetMs = settings.storeBudgetMs ?? 500;
  type Limiters = {
    readonly store: RateLimiterAbstract | null;
    /** The store's stand-in when it fails or is late. */
    readonly memory: RateLimiterMemory;
    /**
     * This process's own attempts, asked before the store: they are never more than the store's count, so a
     * key this gate refuses is refused by the store too — a burst at one key is answered here, not by the store.
     */
    readonly gate: RateLimiterMemory;
  };
  const limiters = new Map<LimitName, Limiters>();
  for (const limit of LIMITS) {
    const budget = settings.policy.budgets[limit];
    const options: LimiterOptions = {
      keyPrefix: `dongne:${limit}`,
      points: budget.points,
      duration: Math.max(1, Math.ceil(budget.windowMs / 1000)),
    };
    const memory = new RateLimiterMemory(options);
    const gate = new RateLimiterMemory({ ...options, keyPrefix: `${options.keyPrefix}:gate` });
    limiters.set(limit, {
      memory,
      gate,
      store: settings.store ? settings.store({ ...options, inMemoryBlockOnConsumed: options.points + 1 }) : null,
    });
  }
  const limiterOf = (limit: LimitName) => limiters.get(limit) as Limiters;

  /** The store's answer within the budget, else the in-process limiter's. A limited attempt is an answer, not a failure. */
  const call = <A>(limit: LimitName, op: (l: RateLimiterAbstract) => Promise<A>) => {
    const { store, memory } = limiterOf(limit);
    const local = Effect.promise(() => op(memory));
    if (!store) return local;
    return Effect.tryPromise({ try: () => op(store), catch: (e) => e }).pipe(
      Effect.timeout(budgetMs),
      Effect.catch((e) =>
        Effect.sync(() => settings.onFallback?.(limit, e instanceof Error ? e.message : String(e))).pipe(Effect.andThen(local)),
      ),
    );
  };

  const decide = (l: RateLimiterAbstract, key: string) =>
    l.consume(key).then(
      (): RateDecision => ALLOWED,
      (rejection: unknown): RateDecision => {
        if (rejection instanceof RateLimiterRes) return { _tag: "Limited", retryAfterMs: Math.max(1000, rejection.msBeforeNext) };
        throw rejection;
      },
    );

  if (!settings.policy.enabled) return { consume: () => Effect.succeed(ALLOWED), refund: () => Effect.void, reset: () => Effect.void };
  const gated = (limit: LimitName, key: string) => {
    const { store, gate } = limiterOf(limit);
    if (!store) return Effect.succeed(ALLOWED);
    return Effect.promise(() => decide(gate, key));
  };
  const onGate = (limit: LimitName, op: (l: RateLimiterAbstract) => Promise<unknown>) =>
    limiterOf(limit).store ? Effect.promise(() => op(limiterOf(limit).gate).catch(() => undefined)) : Effect.void;
  return {
    consume: (limit, key) =>
      Effect.flatMap(gated(limit, keyOf(key)), (local) =>
        local._tag === "Limited" ? Effect.succeed(local) : call(limit, (l) => decide(l, keyOf(key))),
      ),
    refund: (limit, key) =>
      Effect.asVoid(Effect.all([onGate(limit, (l) => l.reward(keyOf(key), 1)), call(limit, (l) => l.reward(keyOf(key), 1))])),
    reset: (limit, key) =>
      Effect.asVoid(Effect.all([onGate(limit, (l) => l.delete(keyOf(key))), call(limit, (l) => l.delete(keyOf(key)))])),
  };
};
