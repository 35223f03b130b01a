import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { makeInProcessKeyValue } from "../../src/adapters/redis/InProcessKeyValue.js";
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
