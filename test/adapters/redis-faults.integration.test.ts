import { Effect, Exit, Layer, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KeyValue, type KeyValueStore } from "../../src/adapters/redis/KeyValue.js";
import { KeyValuePresence } from "../../src/adapters/redis/KeyValuePresence.js";
import { makeTwoLevelCache } from "../../src/adapters/redis/TwoLevelCache.js";
import { Presence } from "../../src/application/ports/Presence.js";
import { PublicCache } from "../../src/application/ports/PublicCache.js";
import { openKeyValue, recordingReporter, startCluster, startOwnRedis, TEST_GUARD, type TestCluster } from "../support/redis.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** How long a command took and how it ended. */
const timed = async <A, E>(e: Effect.Effect<A, E>) => {
  const t = performance.now();
  const exit = await Effect.runPromiseExit(e);
  return { ms: performance.now() - t, exit };
};
const reasonOf = (exit: Exit.Exit<unknown, unknown>) => {
  if (Exit.isSuccess(exit)) return "ok";
  const e = Exit.findError(exit);
  return e._tag === "Success" ? String((e.success as { reason?: string }).reason) : "defect";
};
/** Retries until Redis answers again (the client reconnects by itself; the breaker probes after its cool-down). */
const untilOk = async (kv: KeyValueStore, deadlineMs = 10_000) => {
  const end = Date.now() + deadlineMs;
  while (Date.now() < end) {
    if (Exit.isSuccess(await Effect.runPromiseExit(kv.set("probe", "1")))) return true;
    await sleep(100);
  }
  return false;
};
// The budget plus scheduling slack on a shared 2-core machine.
const WITHIN = TEST_GUARD.budgetMs + 150;

describe("Redis faults: one node", () => {
  let server: Awaited<ReturnType<typeof startOwnRedis>>;
  let kv: KeyValueStore;
  let close: () => Promise<void>;
  const seen = recordingReporter();
  beforeAll(async () => {
    server = await startOwnRedis();
    ({ store: kv, close } = await openKeyValue({ _tag: "node", url: server.url }, {}, seen.reporter));
  });
  afterAll(async () => {
    await close();
    await server.stop();
  });

  it("black-holed (SIGSTOP): every command ends within its budget, the breaker opens, and after SIGCONT it works again", async () => {
    await Effect.runPromise(kv.set("k", "v"));
    server.freeze();
    try {
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await timed(kv.get("k")));
      for (const r of results) expect(r.ms).toBeLessThan(WITHIN);
      expect(results.slice(0, 3).map((r) => reasonOf(r.exit))).toEqual(["timeout", "timeout", "timeout"]);
      // Open: refused at once, without waiting for the budget.
      expect(results.slice(3).map((r) => reasonOf(r.exit))).toEqual(["circuit_open", "circuit_open", "circuit_open"]);
      for (const r of results.slice(3)) expect(r.ms).toBeLessThan(50);
      expect(seen.transitions).toContain("open");
    } finally {
      server.thaw();
    }
    expect(await untilOk(kv)).toBe(true);
    expect(await Effect.runPromise(kv.get("k"))).toBe("v");
    expect(seen.transitions.at(-1)).toBe("closed");
  });

  it("stopped: commands fail at once (no offline queue); the same server back on its port is used without a restart", async () => {
    await server.stop();
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await timed(kv.set("k", "v2")));
    for (const r of results) {
      expect(Exit.isFailure(r.exit)).toBe(true);
      expect(r.ms).toBeLessThan(WITHIN);
    }
    await server.start();
    expect(await untilOk(kv)).toBe(true);
    await Effect.runPromise(kv.set("k", "v3"));
    expect(await Effect.runPromise(kv.get("k"))).toBe("v3");
  });
});

describe("Redis faults: a cluster node killed", () => {
  let cluster: TestCluster;
  let kv: KeyValueStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    cluster = startCluster();
    // No breaker trips in this test: it shows per-slot behaviour.
    ({ store: kv, close } = await openKeyValue(cluster.target, { failureThreshold: 1_000, keyPrefix: "t10:faults:" }));
  });
  afterAll(async () => {
    await close();
    cluster.stop();
  });

  it("keys on the other nodes' slots keep working; the dead node's keys fail within the budget", async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `key-${i}`);
    for (const k of keys) await Effect.runPromise(kv.set(k, k));
    const victim = cluster.nodeOf(`t10:faults:${keys[0]}`);
    cluster.kill(victim);
    await sleep(200);
    let alive = 0;
    let dead = 0;
    for (const k of keys) {
      const r = await timed(kv.get(k));
      expect(r.ms).toBeLessThan(WITHIN + 500);
      if (cluster.nodeOf(`t10:faults:${k}`) === victim) {
        expect(Exit.isFailure(r.exit)).toBe(true);
        dead++;
      } else {
        expect(r.exit).toEqual(Exit.succeed(k));
        alive++;
      }
    }
    expect(alive).toBeGreaterThan(0);
    expect(dead).toBeGreaterThan(0);
  });
});

describe("Redis faults: presence and the cached answers over a frozen, then stopped Redis", () => {
  let server: Awaited<ReturnType<typeof startOwnRedis>>;
  let presence: Presence["Service"];
  let cache: PublicCache["Service"];
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    server = await startOwnRedis();
    const { store, close } = await openKeyValue({ _tag: "node", url: server.url });
    const rt = ManagedRuntime.make(
      Layer.mergeAll(KeyValuePresence, makeTwoLevelCache()).pipe(Layer.provide(Layer.succeed(KeyValue, store))),
    );
    presence = await rt.runPromise(Presence.use((p) => Effect.succeed(p)));
    cache = await rt.runPromise(PublicCache.use((c) => Effect.succeed(c)));
    dispose = async () => {
      await rt.dispose();
      await close();
    };
  });
  afterAll(async () => {
    await dispose();
    await server.stop();
  });
  const now = new Date();
  /** Every presence call and a cache miss answer within the budget, with nobody online and the loader's value. */
  const degradedWithinBudget = async () => {
    const calls: { ms: number; exit: Exit.Exit<unknown> }[] = [
      await timed(presence.markOnline("u1", ["KR-49-01-02", "KR-49"], now)),
      await timed(presence.onlineCount("KR-49", now)),
      await timed(presence.markTyping("q1", "u1", "애월토박이", now)),
      await timed(presence.typing("q1", now)),
      await timed(cache.getOrLoad(`region:stats:KR-49:${Math.random()}`, 1_800, Effect.succeed({ body: "{}", etag: 'W/"x"' }))),
    ];
    for (const c of calls) {
      expect(Exit.isSuccess(c.exit)).toBe(true);
      expect(c.ms).toBeLessThan(WITHIN * 2);
    }
    const values = calls.map((c) => (Exit.isSuccess(c.exit) ? c.exit.value : undefined));
    expect(values.slice(0, 4)).toEqual([undefined, 0, undefined, []]);
    expect(values[4]).toEqual({ body: "{}", etag: 'W/"x"' });
  };

  it("black-holed (SIGSTOP): nobody online, nobody typing, the loader answers, each call within its budget", async () => {
    await Effect.runPromise(presence.markOnline("u1", ["KR-49"], now));
    expect(await Effect.runPromise(presence.onlineCount("KR-49", now))).toBe(1);
    server.freeze();
    try {
      await degradedWithinBudget();
    } finally {
      server.thaw();
    }
  });

  it("stopped: the same, at once", async () => {
    await server.stop();
    try {
      await degradedWithinBudget();
    } finally {
      // Back, so the clients can close cleanly.
      await server.start();
    }
  });
});
