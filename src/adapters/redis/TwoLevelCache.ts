import { Cause, Deferred, Effect, type Exit, Layer } from "effect";
import { LRUCache } from "lru-cache";
import { PublicCache } from "../../application/ports/PublicCache.js";
import { KeyValue } from "./KeyValue.js";

/** Invalidations, so every instance drops its L1 copies: JSON `{ keys, groups }`. */
export const CACHE_INVALIDATED = "cache:invalidated";
/** A group's version: every invalidation of the group increments it. */
const groupVersionKey = (group: string) => `cache:group:${group}:version`;
/** The members of a group filled while its version was `version`: the next invalidation deletes them. */
const groupMembersKey = (group: string, version: number) => `cache:group:${group}:${version}`;
/**
 * Member sets an invalidation deletes below the version it made: its predecessor's, and those passes that failed
 * after their increment may have left (each delivery and its repeat increments; a retried one again).
 */
const MEMBER_SETS_PER_PASS = 8;

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
 * that one load: no stampede). An invalidation deletes the L2 keys and is published, and is repeated a second
 * later (a load that read the old state just before the change may have filled after the first pass). A group
 * is versioned in Redis: a fill reads the version before it loads, lists its key in that version's member set
 * before writing it, and takes the copy back when the version moved meanwhile (an invalidation by any instance,
 * heard of here or not); an invalidation increments the version, then deletes the previous version's members.
 * So no copy loaded before a group's change outlives its invalidation, however the steps interleave. A load in
 * flight when an invalidation of its key or group is made or heard of fills nothing (its answer may predate the
 * change), and one whose L2 write was landing meanwhile takes it back; every instance drops the L1 copies it
 * names, and drops all of L1 when its subscription was interrupted (it may have missed one). Redis
 * unreachable: L1 and the loader answer.
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

      /** A group's version in Redis (0 before its first invalidation); null when Redis cannot say. */
      const versionOf = (group: string) =>
        kv.get(groupVersionKey(group)).pipe(
          Effect.map((v) => (v === null ? 0 : Number.parseInt(v, 10))),
          Effect.catch(() => Effect.succeed(null)),
        );

      /** Writes the L2 copy; a group's member is listed first, under the version read before the load. */
      const fill = (
        key: string,
        ttlSeconds: number,
        value: unknown,
        group: string | undefined,
        version: number | null,
        current: () => boolean,
      ) =>
        Effect.gen(function* () {
          // A group member whose version is unknown could not be found by an invalidation: L1 only.
          if (group !== undefined && version === null) return;
          // Listed before it is written (a listing without a copy is harmless; a copy no listing names outlives every
          // invalidation), so a copy that cannot be listed is never written.
          if (group !== undefined && version !== null) yield* kv.sAdd(groupMembersKey(group, version), [key], ttlSeconds * 2);
          yield* kv.set(key, JSON.stringify(value), { ttlSeconds });
          // An invalidation since the version was read (by any instance) may have deleted the members before this one was
          // listed; one after this read finds it listed. A version that cannot be read counts as moved.
          const moved = group !== undefined && (yield* versionOf(group)) !== version;
          // An invalidation made or heard of while this was being written may have deleted before the write landed:
          // take the copy back at once rather than leave it until the repeated pass.
          if (moved || !current()) {
            l1.delete(key);
            yield* kv.del(key);
            // Another instance may have read the copy in the moment it was there, after the invalidation it heard.
            yield* kv.publish(CACHE_INVALIDATED, JSON.stringify({ keys: [key], groups: [] }));
          }
          // Run to the end once begun (a warm-up's timeout may interrupt the load that called it): no copy is left
          // unchecked against the version.
        }).pipe(Effect.ignore, Effect.uninterruptible);

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
            // The version is read before the load begins: a change committed after this read is one whose invalidation moves it.
            const [cached, version] = yield* Effect.all([fromL2(key), group === undefined ? Effect.succeed(null) : versionOf(group)], {
              concurrency: 2,
            });
            if (cached) {
              if (current()) l1.set(key, { value: cached.value, group }, { ttl: l1Ms });
              return cached.value as A;
            }
            const value = yield* load;
            if (current()) {
              l1.set(key, { value, group }, { ttl: l1Ms });
              yield* fill(key, ttlSeconds, value, group, version, current);
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
      /** One pass; false when any step failed (the caller delivers the change again). */
      const invalidateOnce = (keys: ReadonlyArray<string>, groups: ReadonlyArray<string>) =>
        Effect.gen(function* () {
          dropLocal(keys, groups);
          // The version first: a fill that read the old one takes its copy back, or listed it where this pass looks.
          const versions = yield* Effect.forEach(groups, (g) => kv.incrBy(groupVersionKey(g), 1), { concurrency: "unbounded" });
          const memberSets = groups.flatMap((g, i) =>
            Array.from({ length: MEMBER_SETS_PER_PASS }, (_, back) => (versions[i] ?? 0) - 1 - back)
              .filter((v) => v >= 0)
              .map((v) => groupMembersKey(g, v)),
          );
          const members = yield* Effect.forEach(memberSets, (set) => kv.sMembers(set), { concurrency: "unbounded" });
          yield* Effect.forEach([...keys, ...members.flat()], (k) => kv.del(k), { concurrency: 8, discard: true });
          // An empty set is no key in Redis: only those with members are left to delete.
          const filled = memberSets.filter((_, i) => (members[i]?.length ?? 0) > 0);
          yield* Effect.forEach(filled, (set) => kv.del(set), { concurrency: "unbounded", discard: true });
          yield* kv.publish(CACHE_INVALIDATED, JSON.stringify({ keys, groups }));
          return true;
        }).pipe(Effect.catch(() => Effect.succeed(false)));
      // Again a second later: a load that read the old state just before the change may fill after the first pass.
      const invalidate = (keys: ReadonlyArray<string>, groups: ReadonlyArray<string> = []) =>
        Effect.tap(invalidateOnce(keys, groups), () =>
          Effect.forkIn(Effect.andThen(Effect.sleep("1 second"), invalidateOnce(keys, groups)), scope),
        );

      return { getOrLoad, invalidate, peek: (key: string) => l1.get(key)?.value };
    }),
  );
