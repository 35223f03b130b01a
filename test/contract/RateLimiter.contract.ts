import { randomUUID } from "node:crypto";
import { Effect, type Layer, ManagedRuntime } from "effect";
import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/application/ports/RateLimiter.js";
import { DEFAULT_RATE_LIMITS, type RateLimitPolicyShape } from "../../src/application/ports/RateLimitPolicy.js";

/** A rate limiter built for a policy (each test gets a fresh one and fresh keys). */
export type RateLimiterFactory = (policy: RateLimitPolicyShape) => Layer.Layer<RateLimiter>;

const policy = (points: number, windowMs = 60_000, enabled = true): RateLimitPolicyShape => ({
  enabled,
  budgets: { ...DEFAULT_RATE_LIMITS.budgets, loginPerAccount: { points, windowMs } },
});

export const rateLimiterContract = (name: string, make: RateLimiterFactory) =>
  describe(`RateLimiter contract: ${name}`, () => {
    const runtimes: ManagedRuntime.ManagedRuntime<RateLimiter, never>[] = [];
    afterEach(async () => {
      await Promise.all(runtimes.splice(0).map((rt) => rt.dispose()));
    });
    const limiter = (p: RateLimitPolicyShape) => {
      const rt = ManagedRuntime.make(make(p));
      runtimes.push(rt);
      return {
        consume: (key: string) => rt.runPromise(RateLimiter.use((l) => l.consume("loginPerAccount", key))),
        refund: (key: string) => rt.runPromise(RateLimiter.use((l) => l.refund("loginPerAccount", key))),
        reset: (key: string) => rt.runPromise(RateLimiter.use((l) => l.reset("loginPerAccount", key))),
        other: (key: string) => rt.runPromise(RateLimiter.use((l) => l.consume("loginPerAddress", key))),
      };
    };

    it("allows the window's budget, then says how long to wait; keys and limits count apart", async () => {
      const l = limiter(policy(3));
      const key = `a-${randomUUID()}@example.kr`;
      for (let i = 0; i < 3; i++) expect(await l.consume(key)).toEqual({ _tag: "Allowed" });
      const refused = await l.consume(key);
      expect(refused._tag).toBe("Limited");
      if (refused._tag === "Limited") {
        expect(refused.retryAfterMs).toBeGreaterThan(0);
        expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
      }
      expect(await l.consume(`b-${key}`)).toEqual({ _tag: "Allowed" });
      expect(await l.other(key)).toEqual({ _tag: "Allowed" });
    });

    it("gives an attempt back on refund and forgets the key on reset", async () => {
      const l = limiter(policy(2));
      const key = `c-${randomUUID()}`;
      await l.consume(key);
      await l.consume(key);
      await l.refund(key);
      expect(await l.consume(key)).toEqual({ _tag: "Allowed" });
      expect((await l.consume(key))._tag).toBe("Limited");
      await l.reset(key);
      expect(await l.consume(key)).toEqual({ _tag: "Allowed" });
    });

    it("counts concurrent attempts exactly: 40 at once against a budget of 10 let 10 through", async () => {
      const l = limiter(policy(10));
      const key = `d-${randomUUID()}`;
      const decisions = await Promise.all(Array.from({ length: 40 }, () => l.consume(key)));
      expect(decisions.filter((d) => d._tag === "Allowed")).toHaveLength(10);
    });

    it("starts a new window once the old one has passed", async () => {
      const l = limiter(policy(1, 1_000));
      const key = `e-${randomUUID()}`;
      expect(await l.consume(key)).toEqual({ _tag: "Allowed" });
      expect((await l.consume(key))._tag).toBe("Limited");
      await Effect.runPromise(Effect.sleep(1_100));
      expect(await l.consume(key)).toEqual({ _tag: "Allowed" });
    });

    it("allows everything when limits are switched off (RATE_LIMITS=off)", async () => {
      const l = limiter(policy(1, 60_000, false));
      const key = `f-${randomUUID()}`;
      const decisions = await Promise.all(Array.from({ length: 20 }, () => l.consume(key)));
      expect(decisions.every((d) => d._tag === "Allowed")).toBe(true);
    });
  });
