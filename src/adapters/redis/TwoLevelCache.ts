import { Cause, Deferred, Effect, type Exit, Layer } from "effect";
import { LRUCache } from "lru-cache";
import { PublicCache } from "../../application/ports/PublicCache.js";
import { KeyValue } from "./KeyValue.js";

/** Invalidations, so every instance drops its L1 copies: JSON `{ keys, groups }`. */
export const CACHE_INVALIDATED = "cache:invalidated";
const groupKey = (group: string) => `cache:group:${group}`;

export interface TwoLevelCacheOptions {
  /** Longest an entry lives in process memory (the seed: 60 s), and never longer than its L2 TTL. */
  readonly l1Ms: number;
  readonly l1Max: number;
}
export const TWO_LEVEL_DEFAULTS: TwoLevelCacheOptions = { l1Ms: 60_000, l1Max: 5_000 };

interface L1Entry {
  readonly value: unknown;
  readonly group: string | undefined;
}

/**
 * Cache-aside in two levels: L1 an LRU in this process, L2 Redis (values as JSON, so they must be plain
 * data — what the API answers). A miss loads once per key in this process (concurrent askers wait for
 * that one load: no stampede). An invalidation deletes the L2 keys (a group's members are listed in a
 * set) and is published, and is repeated a second later (a load that read the old state just before
 * the change may have filled after the first pass). A load in flight when an invalidation of its key or
 * group is made or heard of fills nothing (its answer may predate the change), and one whose L2 write was
 * landing meanwhile takes it back; every instance drops the L1 copies it names, and drops all of L1 when its
 * subscription was interrupted (it may have missed one). Redis unreachable: L1 and the loader answer.
 */
export const makeTwoLevelCache = (options: TwoLevelCacheOptions = TWO_LEVEL_DEFAULTS) =>
  Layer.effect(
    PublicCache,
    Effect.gen(function* () {
      const kv = yield* KeyValue;
      const l1 = new LRUCache<string, L1Entry>({ max: options.l1Max, ttl: options.l1Ms });
      const loading = new Map<string, { readonly deferred: Deferred.Deferred<unknown, unknown>; readonly epoch: number }>();
      // Stamped (from one counter, so stamps only grow) by every invalidation this instance makes or hears of,
      // per key, per group and `*` for all: a load that began before a newer stamp of its key or group read
      // state the change may have made stale, so it fills nothing.
      const stamps = new Map<string, number>();
      let clock = 0;
      const epochOf = (key: string, group: string | undefined) =>
        Math.max(stamps.get(`k:${key}`) ?? 0, group === undefined ? 0 : (stamps.get(`g:${group}`) ?? 0), stamps.get("*") ?? 0);
      const bump = (name: string) => stamps.set(name, ++clock);

      const dropLocal = (keys: ReadonlyArray<string>, groups: ReadonlyArray<string>) => {
        for (const k of keys) {
          l1.delete(k);
          bump(`k:${k}`);
        }
        for (const g of groups) bump(`g:${g}`);
        if (groups.length > 0) for (const [k, e] of l1.entries()) if (e.group !== undefined && groups.includes(e.group)) l1.delete(k);
        // Keys are many: forget their stamps now and then, stamping `*` so every load in flight still counts as stale.
        if (stamps.size > 10_000) {
          stamps.clear();
          bump("*");
        }
      };
      const dropAllLocal = () => {
        l1.clear();
        bump("*");
      };
      yield* kv.subscribe(
        CACHE_INVALIDATED,
        (message) => {
          try {
            const { keys, groups } = JSON.parse(message) as { keys?: string[]; groups?: string[] };
            dropLocal(keys ?? [], groups ?? []);
          } catch {
            dropAllLocal();
          }
        },
        dropAllLocal,
      );

      const fromL2 = (key: string) =>
        kv.get(key).pipe(
          Effect.map((raw) => {
            if (raw === null) return undefined;
            try {
              return { value: JSON.parse(raw) as unknown };
            } catch {
              return undefined;
            }
          }),
          Effect.catch(() => Effect.succeed(undefined)),
        );

      const fill = (key: string, ttlSeconds: number, value: unknown, group: string | undefined, current: () => boolean) =>
        Effect.gen(function* () {
          // Listed before it is written, so an invalidation of the group that lists members sees it.
          if (group !== undefined) yield* kv.sAdd(groupKey(group), [key], ttlSeconds * 2);
          yield* kv.set(key, JSON.stringify(value), { ttlSeconds });
          // An invalidation made or heard of while this was being written may have listed and deleted before the
          // write landed: take the copy back at once rather than leave it until the repeated pass.
          if (!current()) {
            l1.delete(key);
            yield* kv.del(key);
          }
        }).pipe(Effect.ignore);

      const getOrLoad = <A, E, R>(key: string, ttlSeconds: number, load: Effect.Effect<A, E, R>, group?: string): Effect.Effect<A, E, R> =>
        Effect.suspend(() => {
          const hit = l1.get(key);
          if (hit) return Effect.succeed(hit.value as A);
          const epoch = epochOf(key, group);
          const pending = loading.get(key);
          // A load begun before the latest invalidation may answer with what it dropped: start a fresh one instead.
          // A load whose own caller gave up (interrupted: a timed-out warm-up) answers nobody: load again.
          if (pending && pending.epoch === epoch)
            return (Deferred.await(pending.deferred) as Effect.Effect<A, E>).pipe(
              Effect.catchCause((cause) =>
                Cause.hasInterruptsOnly(cause) ? getOrLoad(key, ttlSeconds, load, group) : Effect.failCause(cause),
              ),
            );
          const deferred = Deferred.makeUnsafe<unknown, unknown>();
          const mine = { deferred, epoch };
          loading.set(key, mine);
          const l1Ms = Math.min(options.l1Ms, ttlSeconds * 1000);
          const current = () => epochOf(key, group) === epoch;
          return Effect.gen(function* () {
            const cached = yield* fromL2(key);
            if (cached) {
              if (current()) l1.set(key, { value: cached.value, group }, { ttl: l1Ms });
              return cached.value as A;
            }
            const value = yield* load;
            if (current()) {
              l1.set(key, { value, group }, { ttl: l1Ms });
              yield* fill(key, ttlSeconds, value, group, current);
            }
            return value;
          }).pipe(
            Effect.onExit((exit) =>
              Effect.sync(() => {
                if (loading.get(key) === mine) loading.delete(key);
                Deferred.doneUnsafe(deferred, exit as Exit.Exit<unknown, unknown>);
              }),
            ),
          );
        });

      const scope = yield* Effect.scope;
      const invalidateOnce = (keys: ReadonlyArray<string>, groups: ReadonlyArray<string>) =>
        Effect.gen(function* () {
          dropLocal(keys, groups);
          const members = yield* Effect.forEach(groups, (g) =>
            kv.sMembers(groupKey(g)).pipe(Effect.catch(() => Effect.succeed([] as ReadonlyArray<string>))),
          );
          yield* Effect.forEach([...keys, ...members.flat()], (k) => kv.del(k).pipe(Effect.ignore), { concurrency: 8, discard: true });
          yield* Effect.forEach(groups, (g) => kv.del(groupKey(g)).pipe(Effect.ignore), { discard: true });
          return yield* kv.publish(CACHE_INVALIDATED, JSON.stringify({ keys, groups })).pipe(
            Effect.as(true),
            Effect.catch(() => Effect.succeed(false)),
          );
        });
      // Again a second later: a load that read the old state just before the change may fill after the first pass.
      const invalidate = (keys: ReadonlyArray<string>, groups: ReadonlyArray<string> = []) =>
        Effect.tap(invalidateOnce(keys, groups), () =>
          Effect.forkIn(Effect.andThen(Effect.sleep("1 second"), invalidateOnce(keys, groups)), scope),
        );

      return { getOrLoad, invalidate, peek: (key: string) => l1.get(key)?.value };
    }),
  );
