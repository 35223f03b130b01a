import { Effect, Layer, ManagedRuntime } from "effect";
import { describe, expect, it } from "vitest";
import { makeInProcessKeyValue } from "../../src/adapters/redis/InProcessKeyValue.js";
import { KeyValue, type KeyValueStore } from "../../src/adapters/redis/KeyValue.js";
import { makeTwoLevelCache } from "../../src/adapters/redis/TwoLevelCache.js";
import { PublicCache } from "../../src/application/ports/PublicCache.js";
import { twoPublicCaches } from "../support/redis.js";

const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e);

describe("TwoLevelCache: a fill racing an invalidation", () => {
  it("takes back an L2 copy whose write landed after an invalidation had already listed and deleted the group", async () => {
    const store = makeInProcessKeyValue();
    let release: () => void = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    // The copy's write to L2 is held until the invalidation has run through.
    const slowSet = {
      ...store,
      set: (...args: Parameters<typeof store.set>) =>
        args[0] === "stats:1" ? Effect.promise(() => held).pipe(Effect.andThen(store.set(...args))) : store.set(...args),
    };
    const caches = await twoPublicCaches(slowSet);
    try {
      const filling = run(caches.a.getOrLoad("stats:1", 60, Effect.succeed("before the change"), "stats"));
      await new Promise((r) => setTimeout(r, 20));
      await run(caches.a.invalidate([], ["stats"]));
      release();
      expect(await filling).toBe("before the change");
      // Neither this instance nor another (which reads L2) serves the copy from before the change.
      expect(await run(store.get("stats:1"))).toBeNull();
      expect(await run(caches.b.getOrLoad("stats:1", 60, Effect.succeed("after"), "stats"))).toBe("after");
    } finally {
      await caches.close();
    }
  });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** One instance's cache over `kv` (its own L1 and subscription). */
const cacheOn = async (kv: KeyValueStore) => {
  const runtime = ManagedRuntime.make(makeTwoLevelCache().pipe(Layer.provide(Layer.succeed(KeyValue, kv))));
  return { runtime, cache: await runtime.runPromise(PublicCache.use((c) => Effect.succeed(c))) };
};
/** `store` as a busy instance sees it: invalidations heard 150 ms late. */
const hearingLate = (store: KeyValueStore): KeyValueStore => ({
  ...store,
  subscribe: (channel, onMessage, onReconnect) => store.subscribe(channel, (m) => void setTimeout(() => onMessage(m), 150), onReconnect),
});

describe("TwoLevelCache: a fill racing another instance's invalidation, heard late", () => {
  it("the repeated pass still finds and deletes the L2 copy written after the first pass had deleted the group", async () => {
    const store = makeInProcessKeyValue();
    // B's copy lands in L2 30 ms late, and B hears invalidations 150 ms late (a busy process): by then its fill is done.
    const slowB: KeyValueStore = {
      ...hearingLate(store),
      set: (...args: Parameters<typeof store.set>) => Effect.andThen(Effect.sleep("30 millis"), store.set(...args)),
    };
    const [a, b] = [await cacheOn(store), await cacheOn(slowB)];
    try {
      // B loads the list as it was before the change; A's first pass runs between B listing the copy and writing it.
      const filling = Effect.runPromise(b.cache.getOrLoad("questions:list:x", 600, Effect.succeed("before"), "questions:list"));
      await sleep(10);
      await Effect.runPromise(a.cache.invalidate([], ["questions:list"]));
      expect(await filling).toBe("before");
      // After A's repeated pass (a second later) and B hearing it, B reads the store again: no copy from before is left.
      await sleep(1_400);
      expect(await Effect.runPromise(store.get("questions:list:x"))).toBeNull();
      expect(await Effect.runPromise(b.cache.getOrLoad("questions:list:x", 600, Effect.succeed("after"), "questions:list"))).toBe("after");
    } finally {
      await Promise.all([a.runtime.dispose(), b.runtime.dispose()]);
    }
  });
});

describe("TwoLevelCache: an invalidation whose steps land late", () => {
  it("a copy loaded before the change and listed while the invalidation was still deleting is taken back", async () => {
    const store = makeInProcessKeyValue();
    // A's deletions of member sets land 50 ms late (a loaded Redis connection); B hears invalidations 150 ms late.
    const slowA: KeyValueStore = {
      ...store,
      del: (key: string) => (key.startsWith("cache:group:") ? Effect.andThen(Effect.sleep("50 millis"), store.del(key)) : store.del(key)),
    };
    const lateB = hearingLate(store);
    const [a, b] = [await cacheOn(slowA), await cacheOn(lateB)];
    try {
      // B's load began before the change (20 ms); A's invalidation runs meanwhile, its last deletion still landing when B lists.
      const stale = Effect.andThen(Effect.sleep("20 millis"), Effect.succeed("before"));
      const filling = Effect.runPromise(b.cache.getOrLoad("questions:list:y", 600, stale, "questions:list"));
      await sleep(5);
      const invalidating = Effect.runPromise(a.cache.invalidate([], ["questions:list"]));
      expect(await filling).toBe("before");
      expect(await invalidating).toBe(true);
      await sleep(200);
      // Not left in L2 for the group's next readers (before the repeated pass, and after it).
      expect(await Effect.runPromise(store.get("questions:list:y"))).toBeNull();
      await sleep(1_200);
      expect(await Effect.runPromise(b.cache.getOrLoad("questions:list:y", 600, Effect.succeed("after"), "questions:list"))).toBe("after");
    } finally {
      await Promise.all([a.runtime.dispose(), b.runtime.dispose()]);
    }
  });
});
