import { Effect, Fiber } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PublicCache } from "../../src/application/ports/PublicCache.js";

type Cache = PublicCache["Service"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e);

/** Two instances (a and b) of the public cache on one Redis (or one in-process twin), as behind a load balancer. */
export const publicCacheContract = (name: string, open: () => Promise<{ a: Cache; b: Cache; close: () => Promise<void> }>) =>
  describe(`PublicCache contract: ${name}`, () => {
    let a: Cache;
    let b: Cache;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ a, b, close } = await open());
    });
    afterAll(() => close());
    let n = 0;
    const key = (what: string) => `${what}:${++n}`;
    const loader = (value: unknown) => {
      let loads = 0;
      const load = Effect.sync(() => {
        loads++;
        return value;
      });
      return { load, loads: () => loads };
    };

    it("loads once, then serves from L1, and another instance from L2 without loading", async () => {
      const k = key("page");
      const l = loader({ title: "애월 카페", n: 1 });
      expect(await run(a.getOrLoad(k, 60, l.load))).toEqual({ title: "애월 카페", n: 1 });
      expect(await run(a.getOrLoad(k, 60, l.load))).toEqual({ title: "애월 카페", n: 1 });
      expect(await run(b.getOrLoad(k, 60, l.load))).toEqual({ title: "애월 카페", n: 1 });
      expect(l.loads()).toBe(1);
    });

    it("runs one load per key however many ask at once (no stampede)", async () => {
      const k = key("hot");
      let loads = 0;
      const slow = Effect.promise(async () => {
        loads++;
        await sleep(50);
        return "value";
      });
      const all = await Promise.all(Array.from({ length: 20 }, () => run(a.getOrLoad(k, 60, slow))));
      expect(all).toEqual(Array(20).fill("value"));
      expect(loads).toBe(1);
    });

    it("does not keep a failed load", async () => {
      const k = key("fails");
      const failing = Effect.fail("nope" as const);
      expect(await Effect.runPromiseExit(a.getOrLoad(k, 60, failing))).toMatchObject({ _tag: "Failure" });
      expect(await run(a.getOrLoad(k, 60, Effect.succeed(2)))).toBe(2);
    });

    it("an invalidation through one instance reaches the other's L1 at once", async () => {
      const k = key("changed");
      await run(a.getOrLoad(k, 60, Effect.succeed("old")));
      await run(b.getOrLoad(k, 60, Effect.succeed("old")));
      await run(a.invalidate([k]));
      await sleep(100);
      expect(await run(b.getOrLoad(k, 60, Effect.succeed("new")))).toBe("new");
      expect(await run(a.getOrLoad(k, 60, Effect.succeed("newer")))).toBe("new");
    });

    it("drops a whole group (every cached list page) everywhere", async () => {
      const g = key("lists");
      const [p1, p2, other] = [key("list"), key("list"), key("other")];
      for (const c of [a, b]) {
        await run(c.getOrLoad(p1, 60, Effect.succeed("p1"), g));
        await run(c.getOrLoad(p2, 60, Effect.succeed("p2"), g));
        await run(c.getOrLoad(other, 60, Effect.succeed("other")));
      }
      await run(b.invalidate([], [g]));
      await sleep(100);
      expect(await run(a.getOrLoad(p1, 60, Effect.succeed("p1'"), g))).toBe("p1'");
      expect(await run(a.getOrLoad(p2, 60, Effect.succeed("p2'"), g))).toBe("p2'");
      expect(await run(a.getOrLoad(other, 60, Effect.succeed("other'")))).toBe("other");
    });

    it("a load in flight when its key or group is invalidated (here or on another instance) fills nothing", async () => {
      const slowLoad = (value: string) => Effect.promise(() => sleep(300).then(() => value));
      const k = key("raced");
      const beforeChange = run(a.getOrLoad(k, 60, slowLoad("before")));
      await sleep(50);
      await run(a.invalidate([k]));
      // asked after the change: not joined to the load that began before it
      expect(await run(a.getOrLoad(k, 60, Effect.succeed("after")))).toBe("after");
      expect(await beforeChange).toBe("before");

      const g = key("raced-lists");
      const page = key("raced-page");
      const elsewhere = run(a.getOrLoad(page, 60, slowLoad("before"), g));
      await sleep(50);
      await run(b.invalidate([], [g]));
      expect(await elsewhere).toBe("before");
      await sleep(100);
      expect(await run(b.getOrLoad(page, 60, Effect.succeed("after"), g))).toBe("after");
      expect(await run(a.getOrLoad(page, 60, Effect.succeed("later"), g))).toBe("after");
    });

    it("a load whose caller gave up (interrupted) does not fail those who waited on it: they load themselves", async () => {
      const k = key("abandoned");
      const first = Effect.runFork(
        a.getOrLoad(
          k,
          60,
          Effect.promise(() => sleep(300).then(() => "first")),
        ),
      );
      await sleep(30);
      const waiting = run(a.getOrLoad(k, 60, Effect.succeed("second")));
      await Effect.runPromise(Fiber.interrupt(first));
      expect(await waiting).toBe("second");
    });

    it("forgets an entry after its TTL", async () => {
      const k = key("short");
      await run(a.getOrLoad(k, 1, Effect.succeed("v1")));
      await sleep(1_100);
      expect(await run(a.getOrLoad(k, 1, Effect.succeed("v2")))).toBe("v2");
    });
  });
