import { Effect, Layer } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeyValue, type KeyValueStore } from "../../src/adapters/redis/KeyValue.js";
import { makeKeyValueActivityCounters } from "../../src/adapters/redis/KeyValueActivityCounters.js";
import type { ActivityCounters } from "../../src/application/ports/ActivityCounters.js";

const HOUR = 3_600_000;
let year = 2030;
let n = 0;

/**
 * The activity counters on a KeyValue store (the in-process twin, one Redis, a 3-node cluster): windows at
 * a time the test picks, bucket edges, 24 h against 7 d, one count per question. Each test works in a year
 * of its own, so runs on one Redis never read each other's buckets.
 */
export const activityCountersContract = (name: string, open: () => Promise<{ store: KeyValueStore; close: () => Promise<void> }>) =>
  describe(`ActivityCounters contract: ${name}`, () => {
    let counters: ActivityCounters["Service"];
    let close: () => Promise<void>;
    beforeAll(async () => {
      const opened = await open();
      close = opened.close;
      counters = await Effect.runPromise(makeKeyValueActivityCounters.pipe(Effect.provide(Layer.succeed(KeyValue, opened.store))));
    });
    afterAll(() => close());
    const run = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(e);
    const fresh = () => {
      const base = Date.UTC(++year, 5, 10, 9, 30);
      const at = (hoursFromBase: number) => new Date(base + hoursFromBase * HOUR);
      let q = 0;
      const record = (hashtags: string[], regionCodes: string[], hoursFromBase: number) =>
        run(counters.record({ questionId: `q-${++n}-${++q}-${year}`, hashtags, regionCodes, at: at(hoursFromBase) }));
      return { at, record };
    };

    it("sums the window's buckets: hashtags and regions, most first, ties by key, within the limit", async () => {
      const { at, record } = fresh();
      await record(["애월", "카페"], ["KR-49-01-02", "KR-49-01", "KR-49"], 0);
      await record(["애월"], ["KR-49-01-02", "KR-49-01", "KR-49"], -3);
      await record(["한라산"], ["KR-49-02-05", "KR-49-02", "KR-49"], -5);
      expect(await run(counters.top("24h", at(0), 10))).toEqual({
        hashtags: [
          { key: "애월", count: 2 },
          { key: "카페", count: 1 },
          { key: "한라산", count: 1 },
        ],
        regions: [
          { key: "KR-49", count: 3 },
          { key: "KR-49-01", count: 2 },
          { key: "KR-49-01-02", count: 2 },
          { key: "KR-49-02", count: 1 },
          { key: "KR-49-02-05", count: 1 },
        ],
      });
      const top2 = await run(counters.top("24h", at(0), 2));
      expect(top2.hashtags.map((c) => c.key)).toEqual(["애월", "카페"]);
      expect(top2.regions.map((c) => c.key)).toEqual(["KR-49", "KR-49-01"]);
      expect(await run(counters.top("24h", at(0), 0))).toEqual({ hashtags: [], regions: [] });
    });

    it("counts a question once, however often it is recorded", async () => {
      const { at, record } = fresh();
      const question = { questionId: `once-${++n}-${year}`, hashtags: ["제주", "제주"], regionCodes: ["KR-49", "KR-49"], at: at(0) };
      expect(await run(counters.record(question))).toBe(true);
      expect(await run(counters.record(question))).toBe(false);
      expect(await run(counters.record({ ...question, at: at(-30) }))).toBe(false);
      await record(["제주"], [], 0);
      expect(await run(counters.top("24h", at(0), 5))).toEqual({
        hashtags: [{ key: "제주", count: 2 }],
        regions: [{ key: "KR-49", count: 1 }],
      });
    });

    it("24 h: hourly buckets, an hour's edge in the bucket that starts there, nothing after now's hour", async () => {
      // base is 09:30; now's hour is 09:00–10:00, the window starts at 10:00 the day before.
      const { at, record } = fresh();
      await record(["in-oldest"], [], -23.5); // 10:00 the day before: the oldest bucket's first instant
      await record(["too-old"], [], -23.5 - 1 / 3_600_000); // a millisecond before it
      await record(["this-hour"], [], 0.4999); // 09:59:59.6, still now's bucket
      await record(["next-hour"], [], 0.5); // 10:00: the next bucket, not yet in the window
      const keys = async (now: Date) => (await run(counters.top("24h", now, 10))).hashtags.map((c) => c.key);
      expect(await keys(at(0))).toEqual(["in-oldest", "this-hour"]);
      // Half an hour later the oldest bucket has left the window and the next hour's has come in.
      expect(await keys(at(0.5))).toEqual(["next-hour", "this-hour"]);
    });

    it("7 d: 6-hourly buckets; two days back counts in 7 d, not in 24 h; eight days back in neither", async () => {
      const { at, record } = fresh();
      await record(["recent"], ["KR-49"], -1);
      await record(["two-days"], ["KR-49-01"], -48);
      await record(["eight-days"], ["KR-49-02"], -8 * 24);
      const top24 = await run(counters.top("24h", at(0), 10));
      const top7 = await run(counters.top("7d", at(0), 10));
      expect(top24.hashtags.map((c) => c.key)).toEqual(["recent"]);
      expect(top7.hashtags.map((c) => c.key)).toEqual(["recent", "two-days"]);
      expect(top7.regions.map((c) => c.key)).toEqual(["KR-49", "KR-49-01"]);
      // base 09:30 is in the 06:00 bucket: the 7 d window starts at 12:00 seven days before (27 buckets back).
      await record(["edge-7d"], [], -6 * 24 - 21.5); // 12:00, 6 d 21 h 30 min back
      await record(["past-7d"], [], -6 * 24 - 21.5 - 1 / 3_600_000);
      const edge = (await run(counters.top("7d", at(0), 10))).hashtags.map((c) => c.key);
      expect(edge).toContain("edge-7d");
      expect(edge).not.toContain("past-7d");
    });

    it("claims a rebuild once: claimed, then busy for others, then built", async () => {
      expect(await run(counters.claimRebuild)).toBe("claimed");
      expect(await run(counters.claimRebuild)).toBe("busy");
      await run(counters.finishRebuild);
      expect(await run(counters.claimRebuild)).toBe("built");
    });
  });
