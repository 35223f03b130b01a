import { Effect, Layer } from "effect";
import { describe, expect, it } from "vitest";
import { InMemoryHealth } from "../../src/adapters/in-memory/InMemoryHealth.js";
import { checkReadiness } from "../../src/application/health/checkReadiness.js";
import { type DependencyCheck, HealthChecks } from "../../src/application/ports/HealthCheck.js";

const readiness = (checks: DependencyCheck[], timeoutMs = 50) =>
  Effect.runPromise(checkReadiness(timeoutMs).pipe(Effect.provide(Layer.succeed(HealthChecks, { checks }))));

const up = (name: string, essential: boolean): DependencyCheck => ({ name, essential, ping: Effect.void });
const refused = (name: string, essential: boolean): DependencyCheck => ({
  name,
  essential,
  ping: Effect.fail(new Error("connect ECONNREFUSED 127.0.0.1:5432")),
});
const hanging = (name: string, essential: boolean): DependencyCheck => ({ name, essential, ping: Effect.never });

describe("checkReadiness", () => {
  it("ready when every dependency answers, naming each", async () => {
    expect(await readiness([up("database", true), up("searchEngine", false)])).toEqual({
      status: "ready",
      checks: { database: "up", searchEngine: "up" },
      failures: {},
    });
  });

  it("degraded, not unavailable, when only a non-essential dependency is down; the reason is kept for the log", async () => {
    expect(await readiness([up("database", true), refused("searchEngine", false)])).toEqual({
      status: "degraded",
      checks: { database: "up", searchEngine: "down" },
      failures: { searchEngine: "connect ECONNREFUSED 127.0.0.1:5432" },
    });
  });

  it("unavailable when an essential dependency is down, whatever the others do", async () => {
    const result = await readiness([refused("database", true), up("searchEngine", false)]);
    expect(result.status).toBe("unavailable");
    expect(result.checks).toEqual({ database: "down", searchEngine: "up" });
  });

  it("a dependency that never answers is down after the bound, and does not hold the others back", async () => {
    expect(await readiness([hanging("database", true), hanging("searchEngine", false), up("databaseReplica1", false)])).toEqual({
      status: "unavailable",
      checks: { database: "down", searchEngine: "down", databaseReplica1: "up" },
      failures: { database: "no answer within 50 ms", searchEngine: "no answer within 50 ms" },
    });
  });

  it("the in-memory twin reports its database, always up", async () => {
    const result = await Effect.runPromise(checkReadiness(50).pipe(Effect.provide(InMemoryHealth)));
    expect(result).toEqual({ status: "ready", checks: { database: "up" }, failures: {} });
  });
});
