import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyValueStore } from "../../src/adapters/redis/KeyValue.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What every KeyValue store does: the in-process twin, one Redis node and a Redis Cluster. */
export const keyValueContract = (name: string, open: () => Promise<{ store: KeyValueStore; close: () => Promise<void> }>) =>
  describe(`KeyValue contract: ${name}`, () => {
    let kv: KeyValueStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store: kv, close } = await open());
    });
    afterAll(() => close());
    const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e);
    let n = 0;
    const key = (what: string) => `${what}:${++n}`;

    it("gets what was set, nothing after a delete, and honours NX", async () => {
      const k = key("s");
      expect(await run(kv.get(k))).toBeNull();
      expect(await run(kv.set(k, "제주"))).toBe(true);
      expect(await run(kv.get(k))).toBe("제주");
      expect(await run(kv.set(k, "other", { onlyIfAbsent: true }))).toBe(false);
      expect(await run(kv.get(k))).toBe("제주");
      await run(kv.del(k));
      expect(await run(kv.get(k))).toBeNull();
      expect(await run(kv.set(k, "again", { onlyIfAbsent: true, ttlSeconds: 60 }))).toBe(true);
    });

    it("forgets a key after its TTL", async () => {
      const k = key("ttl");
      await run(kv.set(k, "v", { ttlSeconds: 1 }));
      const c = key("ttl-counter");
      await run(kv.incrBy(c, 1, 1));
      expect(await run(kv.get(k))).toBe("v");
      await sleep(1_100);
      expect(await run(kv.get(k))).toBeNull();
      expect(await run(kv.get(c))).toBeNull();
    });

    it("counts with INCRBY and hands a count to exactly one GETDEL", async () => {
      const k = key("count");
      expect(await run(kv.incrBy(k, 1))).toBe(1);
      expect(await run(kv.incrBy(k, 4))).toBe(5);
      const taken = await Promise.all([run(kv.getDel(k)), run(kv.getDel(k))]);
      expect(taken.sort()).toEqual(["5", null].sort());
      expect(await run(kv.incrBy(k, 1))).toBe(1);
    });

    it("keeps sets; SPOP gives each member to one caller", async () => {
      const k = key("set");
      await run(kv.sAdd(k, ["a", "b", "c", "a"]));
      expect([...(await run(kv.sMembers(k)))].sort()).toEqual(["a", "b", "c"]);
      await run(kv.sRem(k, ["b"]));
      const popped = [...(await run(kv.sPop(k, 1))), ...(await run(kv.sPop(k, 5)))];
      expect(popped.sort()).toEqual(["a", "c"]);
      expect(await run(kv.sPop(k, 5))).toEqual([]);
      expect(await run(kv.sMembers(k))).toEqual([]);
    });

    it("ranks sorted-set members by score and trims by score", async () => {
      const k = key("z");
      await run(kv.zIncrBy(k, 2, "애월"));
      await run(kv.zIncrBy(k, 1, "성산"));
      expect(await run(kv.zIncrBy(k, 2, "성산"))).toBe(3);
      await run(kv.zAdd(k, 10, "old"));
      expect(await run(kv.zTop(k, 2))).toEqual([
        ["old", 10],
        ["성산", 3],
      ]);
      expect(await run(kv.zCount(k, 2, 3))).toBe(2);
      await run(kv.zRemRangeByScore(k, 5, 100));
      expect(await run(kv.zTop(k, 10))).toEqual([
        ["성산", 3],
        ["애월", 2],
      ]);
    });

    it("delivers a published message to every subscriber of the channel, and only to them", async () => {
      const channel = key("chan");
      const heard: string[] = [];
      const other: string[] = [];
      await Effect.runPromise(
        Effect.scoped(
          Effect.gen(function* () {
            yield* kv.subscribe(channel, (m) => heard.push(`1:${m}`));
            yield* kv.subscribe(channel, (m) => heard.push(`2:${m}`));
            yield* kv.subscribe(key("chan-other"), (m) => other.push(m));
            // A subscription reaches the server after a round trip.
            yield* Effect.promise(() => sleep(100));
            yield* kv.publish(channel, "질문:1");
            yield* Effect.promise(async () => {
              for (let i = 0; i < 50 && heard.length < 2; i++) await sleep(20);
            });
          }),
        ),
      );
      expect(heard.sort()).toEqual(["1:질문:1", "2:질문:1"]);
      expect(other).toEqual([]);
      await run(kv.publish(channel, "after"));
      await sleep(100);
      expect(heard).toHaveLength(2);
    });

    it("answers a ping", async () => {
      await run(kv.ping);
    });
  });
