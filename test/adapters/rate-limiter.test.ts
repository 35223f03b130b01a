import { Effect, Layer } from "effect";
import { RateLimiterMemory } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { InMemoryRateLimiter } from "../../src/adapters/in-memory/InMemoryRateLimiter.js";
import { makeFlexibleRateLimiter } from "../../src/adapters/rate-limiter/flexibleRateLimiter.js";
import { DEFAULT_RATE_LIMITS, RateLimitPolicy } from "../../src/application/ports/RateLimitPolicy.js";
import { rateLimiterContract } from "../contract/RateLimiter.contract.js";

rateLimiterContract("in-process (RateLimiterMemory)", (policy) =>
  InMemoryRateLimiter.pipe(Layer.provide(Layer.succeed(RateLimitPolicy, policy))),
);

describe("a shared store behind this process's own count", () => {
  it("answers a burst at one key from the process: the store sees only the attempts it could still allow", async () => {
    let storeCalls = 0;
    const limiter = makeFlexibleRateLimiter({
      policy: { enabled: true, budgets: { ...DEFAULT_RATE_LIMITS.budgets, loginPerAccount: { points: 5, windowMs: 60_000 } } },
      store: (options) => {
        const store = new RateLimiterMemory(options);
        const consume = store.consume.bind(store);
        store.consume = (...args) => {
          storeCalls++;
          return consume(...args);
        };
        return store;
      },
    });
    const decisions = await Promise.all(Array.from({ length: 50 }, () => Effect.runPromise(limiter.consume("loginPerAccount", "storm"))));
    expect(decisions.filter((d) => d._tag === "Allowed")).toHaveLength(5);
    expect(storeCalls).toBe(5);
    // A reset (a successful sign-in) frees the key in both counts.
    await Effect.runPromise(limiter.reset("loginPerAccount", "storm"));
    expect((await Effect.runPromise(limiter.consume("loginPerAccount", "storm")))._tag).toBe("Allowed");
  });
});
