import { Effect, Layer, ManagedRuntime } from "effect";
import { describe, expect, it } from "vitest";
import { makeManualClock } from "../../src/adapters/in-memory/InMemoryClock.js";
import { inMemoryPersistence } from "../../src/adapters/in-memory/index.js";
import { VIEW_COUNTER_DEFAULTS } from "../../src/adapters/redis/BatchedViewCounter.js";
import { makeInProcessKeyValue } from "../../src/adapters/redis/InProcessKeyValue.js";
import { KeyValue, type KeyValueStore, RedisUnavailable } from "../../src/adapters/redis/KeyValue.js";
import { countedKey, makeKeyValueActivityCounters, withActivityFallback } from "../../src/adapters/redis/KeyValueActivityCounters.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { inMemoryMedia, noEngineAdmin, privacyPolicyLayer, withViewCounter } from "../../src/app/layers/index.js";
import type { ActivityHistory } from "../../src/application/ports/ActivityCounters.js";
import type { RegionRepository } from "../../src/application/ports/RegionRepository.js";
import { trendingKeywords } from "../../src/application/search/trendingKeywords.js";
import { regionCatalog } from "../../src/domain/region/region.js";
import { ask, registerUser } from "../support/scenario.js";
import { postingLimitsOff, sequentialIds, type TestApp, TestPasswordHasher } from "../support/testLayer.js";

const NOW = new Date("2026-12-01T09:30:00Z");
const HOUR = 3_600_000;
const down = (operation: string) => Effect.fail(new RedisUnavailable({ operation, reason: "failed", message: "connection refused" }));

/** The in-process twin with some commands failing as a Redis that is down does. */
const failing = (base: KeyValueStore, operations: readonly (keyof KeyValueStore)[]): KeyValueStore => {
  const out: Record<string, unknown> = { ...base };
  for (const op of operations) out[op] = () => down(op);
  return out as unknown as KeyValueStore;
};

const countersOn = (store: KeyValueStore) =>
  Effect.runPromise(makeKeyValueActivityCounters.pipe(Effect.provide(Layer.succeed(KeyValue, store))));

const history: ActivityHistory["Service"] = {
  askedSince: (since) =>
    Effect.succeed(
      [
        { questionId: "q1", hashtags: ["한라산"], regionCode: "KR-49-01-02", at: new Date(NOW.getTime() - HOUR) },
        { questionId: "q2", hashtags: ["한라산", "오름"], regionCode: "KR-49-02-05", at: new Date(NOW.getTime() - 2 * HOUR) },
        { questionId: "q3", hashtags: ["옛날"], regionCode: "KR-49-02-05", at: new Date(NOW.getTime() - 30 * HOUR) },
      ].filter((q) => q.at >= since),
    ),
};
const regions: RegionRepository["Service"] = { catalog: Effect.succeed(regionCatalog(loadJejuRegions())) };

describe("activity counters when the KeyValue store fails", () => {
  it("PostgreSQL's questions answer a read, degraded, with the same windows, and the reporter hears why", async () => {
    const reasons: string[] = [];
    const counters = withActivityFallback(await countersOn(failing(makeInProcessKeyValue(), ["zTop"])), history, regions, (r) =>
      reasons.push(r),
    );
    const top = await Effect.runPromise(counters.top("24h", NOW, 10));
    expect(top).toEqual({
      hashtags: [
        { key: "한라산", count: 2 },
        { key: "오름", count: 1 },
      ],
      regions: [
        { key: "KR-49-01", count: 1 },
        { key: "KR-49-01-02", count: 1 },
        { key: "KR-49-02", count: 1 },
        { key: "KR-49-02-05", count: 1 },
      ],
      degraded: true,
    });
    expect(reasons).toEqual(["zTop: failed"]);
    // Not degraded while the store answers.
    const healthy = withActivityFallback(await countersOn(makeInProcessKeyValue()), history, regions, (r) => reasons.push(r));
    expect(await Effect.runPromise(healthy.top("24h", NOW, 10))).toEqual({ hashtags: [], regions: [] });
    expect(reasons).toHaveLength(1);
  });

  it("a write fails (so the outbox retries it); a failure after the marker drops the marker, so the retry counts", async () => {
    const store = makeInProcessKeyValue();
    const broken = await countersOn(failing(store, ["zIncrBy"]));
    const question = { questionId: "q-retry", hashtags: ["제주"], regionCodes: ["KR-49-01"], at: NOW };
    const failed = await Effect.runPromise(Effect.flip(broken.record(question)));
    expect(failed).toMatchObject({ _tag: "ActivityUnavailable", reason: "zIncrBy: failed" });
    expect(await Effect.runPromise(store.get(countedKey("q-retry")))).toBeNull();
    const working = await countersOn(store);
    expect(await Effect.runPromise(working.record(question))).toBe(true);
    expect((await Effect.runPromise(working.top("24h", NOW, 10))).hashtags).toEqual([{ key: "제주", count: 1 }]);
    // The rebuild's bookkeeping fails too, with the store.
    const dead = await countersOn(failing(store, ["get", "set"]));
    expect(await Effect.runPromise(Effect.flip(dead.claimRebuild))).toMatchObject({ _tag: "ActivityUnavailable" });
  });

  it("wired by the Redis tier: a store that fails everything still gives trending from PostgreSQL, and the reporter hears it", async () => {
    const reasons: string[] = [];
    const everything = Object.keys(makeInProcessKeyValue()).filter((k) => k !== "kind" && k !== "subscribe") as (keyof KeyValueStore)[];
    const dead = failing(makeInProcessKeyValue(), everything);
    const clock = makeManualClock(NOW);
    const layer = Layer.mergeAll(
      withViewCounter(inMemoryPersistence(loadJejuRegions()), Layer.succeed(KeyValue, dead), VIEW_COUNTER_DEFAULTS, (r) => reasons.push(r)),
      clock.layer,
      sequentialIds(),
      TestPasswordHasher,
      noEngineAdmin,
      inMemoryMedia(),
      postingLimitsOff,
      privacyPolicyLayer(),
    );
    const rt = ManagedRuntime.make(layer);
    try {
      const app = { run: <A, E>(e: Effect.Effect<A, E, Layer.Success<typeof layer>>) => rt.runPromise(e) } as unknown as TestApp;
      const u = await registerUser(app, "장애중");
      await ask(app, u.id, { hashtags: ["우도"], regionCode: "KR-49-01-02" });
      const t = await rt.runPromise(trendingKeywords("24h"));
      expect(t.keywords.filter((k) => k.type === "hashtag")).toEqual([{ keyword: "우도", count: 1, type: "hashtag" }]);
      expect(t.regions?.map((r) => r.regionCode)).toEqual(["KR-49-01", "KR-49-01-02"]);
      expect(t.degraded).toBe(true);
      expect(reasons).toEqual(["zTop: failed"]);
    } finally {
      await rt.dispose();
    }
  });
});
