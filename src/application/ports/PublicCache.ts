import { Context, type Effect } from "effect";

/**
 * Public, already-computed answers shared by every instance (no caller's private data ever goes in):
 * an adapter keeps them in process memory (L1) and in Redis (L2). Invalidation reaches every instance.
 */
export class PublicCache extends Context.Service<
  PublicCache,
  {
    /**
     * The value under `key`, else `load`'s (one load per key at a time in this process, however many ask),
     * kept for `ttlSeconds`. `group` names a family of keys dropped together (every cached list page).
     * A cache that cannot be reached is skipped: `load` answers.
     */
    readonly getOrLoad: <A, E, R>(key: string, ttlSeconds: number, load: Effect.Effect<A, E, R>, group?: string) => Effect.Effect<A, E, R>;
    /**
     * The value this process holds fresh under `key`, at once and without asking anyone (undefined: ask
     * getOrLoad). For a transport's fast path that answers a hit without running an effect.
     */
    readonly peek: (key: string) => unknown;
    /**
     * Drops these keys and groups everywhere: L2, and every instance's L1 (published). False when the other
     * instances could not be told (Redis unreachable): their copies then live until their L1 TTL, so a caller
     * that can (the outbox consumer) tries again.
     */
    readonly invalidate: (keys: ReadonlyArray<string>, groups?: ReadonlyArray<string>) => Effect.Effect<boolean>;
  }
>()("dongne/PublicCache") {}
