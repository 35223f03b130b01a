import { Effect, Fiber } from "effect";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { AppRuntime } from "../../../src/app/layers.js";
import { dispatchEvents } from "../../../src/app/workers/eventDispatcher.js";
import { makeTestApp } from "../../support/testLayer.js";

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
};

describe("the event dispatcher", () => {
  it("keeps a consumer going through failures and defects (backing off), delivers back to back while events wait, and stops when interrupted", async () => {
    const app = makeTestApp();
    const logged: { msg: string; consumer?: string }[] = [];
    const logger = pino({ level: "warn" }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const outcomes: (number | "fail" | "die")[] = ["die", "fail", 5, 5, 0];
    let calls = 0;
    const failures: unknown[] = [];
    const deliverBatch = Effect.suspend(() => {
      const next = outcomes[calls++] ?? 0;
      if (next === "die") return Effect.die(new Error("a bug in the consumer"));
      if (next === "fail") return Effect.fail("engine down");
      return Effect.succeed(next);
    });
    const fiber = (app.runtime as unknown as AppRuntime).runFork(
      dispatchEvents([{ name: "test-consumer", deliverBatch, onFailure: (c) => failures.push(c) }], logger),
    );
    expect(await until(() => calls >= 5)).toBe(true);
    await app.runtime.runPromise(Fiber.interrupt(fiber));
    const callsAtStop = calls;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(calls).toBe(callsAtStop);
    expect(failures).toHaveLength(2);
    expect(logged.filter((l) => l.msg === "event delivery failed: retrying").map((l) => l.consumer)).toEqual([
      "test-consumer",
      "test-consumer",
    ]);
    await app.runtime.dispose();
  }, 20_000);
});
