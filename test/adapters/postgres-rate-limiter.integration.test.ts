import { randomUUID } from "node:crypto";
import { Layer, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgDatabaseLive } from "../../src/adapters/postgres/PgDatabase.js";
import { PgRateLimiter } from "../../src/adapters/postgres/PgRateLimiter.js";
import { RateLimiter } from "../../src/application/ports/RateLimiter.js";
import { DEFAULT_RATE_LIMITS, RateLimitPolicy, type RateLimitPolicyShape } from "../../src/application/ports/RateLimitPolicy.js";
import { rateLimiterContract } from "../contract/RateLimiter.contract.js";
import { startHangingServer } from "../support/hangingServer.js";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await machineDatabase();
}, 120_000);
afterAll(() => db?.drop());

const onDatabase = (url: string, policy: RateLimitPolicyShape, onFallback?: (limit: string) => void) =>
  PgRateLimiter(onFallback ? { onFallback } : {}).pipe(
    Layer.provide(PgDatabaseLive({ url, poolSize: 4, timeouts: { acquireMs: 2_000 } })),
    Layer.provide(Layer.succeed(RateLimitPolicy, policy)),
  );

rateLimiterContract("PostgreSQL (RateLimiterPostgres, machine)", (policy) => onDatabase(db.url, policy));

const tight: RateLimitPolicyShape = {
  ...DEFAULT_RATE_LIMITS,
  budgets: { ...DEFAULT_RATE_LIMITS.budgets, loginPerAccount: { points: 5, windowMs: 60_000 } },
};

describe("PostgreSQL rate limits across service processes", () => {
  it("two service processes share one count: 5 + 5 concurrent attempts against a budget of 5 let 5 through", async () => {
    const a = ManagedRuntime.make(onDatabase(db.url, tight));
    const b = ManagedRuntime.make(onDatabase(db.url, tight));
    const key = `shared-${randomUUID()}@example.kr`;
    const attempt = (rt: typeof a) => rt.runPromise(RateLimiter.use((l) => l.consume("loginPerAccount", key)));
    const decisions = await Promise.all([...Array.from({ length: 5 }, () => attempt(a)), ...Array.from({ length: 5 }, () => attempt(b))]);
    expect(decisions.filter((d) => d._tag === "Allowed")).toHaveLength(5);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it("keeps limiting with the in-process counters, within the time budget, when the database hangs", async () => {
    const hanging = await startHangingServer();
    const fallbacks: string[] = [];
    const port = new URL(hanging.url).port;
    const rt = ManagedRuntime.make(onDatabase(`postgres://dongne@127.0.0.1:${port}/none`, tight, (limit) => fallbacks.push(limit)));
    const key = `hang-${randomUUID()}`;
    const started = performance.now();
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await rt.runPromise(RateLimiter.use((l) => l.consume("loginPerAccount", key))));
    const perCall = (performance.now() - started) / 6;
    expect(decisions.map((d) => d._tag)).toEqual(["Allowed", "Allowed", "Allowed", "Allowed", "Allowed", "Limited"]);
    // The five allowed asked the store (and fell back); the sixth was refused by this process's own count first.
    expect(fallbacks.length).toBe(5);
    // Each call waits at most the store's budget (500 ms) before the in-process counter answers.
    expect(perCall).toBeLessThan(1_500);
    await rt.dispose();
    await hanging.close();
  });

  it("keeps limiting with the in-process counters when the database refuses connections", async () => {
    const rt = ManagedRuntime.make(onDatabase("postgres://dongne@127.0.0.1:1/none", tight));
    const key = `down-${randomUUID()}`;
    const decisions = [];
    for (let i = 0; i < 6; i++) decisions.push(await rt.runPromise(RateLimiter.use((l) => l.consume("loginPerAccount", key))));
    expect(decisions.filter((d) => d._tag === "Allowed")).toHaveLength(5);
    await rt.dispose();
  });
});
