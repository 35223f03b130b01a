import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IdempotencyStore } from "../../src/application/ports/IdempotencyStore.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { T0 } from "../support/builders.js";
import { userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
/** The window a claim at `minutes` sees: keys of the last 24 h, unfinished claims of the last minute. */
const window = (minutes: number) => ({ now: at(minutes), expiredBefore: at(minutes - 24 * 60), abandonedBefore: at(minutes - 1) });

export const idempotencyStoreContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`IdempotencyStore contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => r.insert(userN(1))));
      await h.run(UserRepository.use((r) => r.insert(userN(2))));
    });
    afterEach(() => h.dispose());
    const mine = { userId: userN(1).id, key: "8e0f6a52-2f1b-4c51-9d0e-6b7c1f3a9e21" };
    const theirs = { userId: userN(2).id, key: mine.key };
    const claim = (scope: typeof mine, fingerprint: string, minutes = 0) =>
      h.run(IdempotencyStore.use((s) => s.claim(scope, fingerprint, window(minutes))));

    it("claims a key once; the same request then replays the stored answer, another is a mismatch", async () => {
      expect(await claim(mine, "fp-a")).toEqual({ _tag: "Claimed" });
      expect(await claim(mine, "fp-a")).toEqual({ _tag: "InProgress" });
      expect(await claim(mine, "fp-b")).toEqual({ _tag: "Mismatch" });
      await h.run(IdempotencyStore.use((s) => s.complete(mine, { ok: true, data: { id: "q-1", title: "우도 배편" } })));
      expect(await claim(mine, "fp-a", 5)).toEqual({ _tag: "Replay", response: { ok: true, data: { id: "q-1", title: "우도 배편" } } });
      expect(await claim(mine, "fp-b", 5)).toEqual({ _tag: "Mismatch" });
      // Keys are per user.
      expect(await claim(theirs, "fp-b")).toEqual({ _tag: "Claimed" });
    });

    it("stores typed errors too, and forgets a released claim", async () => {
      await claim(mine, "fp-a");
      await h.run(IdempotencyStore.use((s) => s.complete(mine, { ok: false, code: "QUESTION_NOT_OPEN" })));
      expect(await claim(mine, "fp-a")).toEqual({ _tag: "Replay", response: { ok: false, code: "QUESTION_NOT_OPEN" } });
      await claim(theirs, "fp-a");
      await h.run(IdempotencyStore.use((s) => s.release(theirs)));
      expect(await claim(theirs, "fp-b")).toEqual({ _tag: "Claimed" });
    });

    it("of concurrent duplicates exactly one claims the key", async () => {
      const claims = await Promise.all(Array.from({ length: 12 }, () => claim(mine, "fp-a")));
      expect(claims.filter((c) => c._tag === "Claimed")).toHaveLength(1);
      expect(claims.filter((c) => c._tag === "InProgress")).toHaveLength(11);
    });

    it("a key is new again after 24 h, an abandoned claim after a minute; purge deletes what is past 24 h", async () => {
      await claim(mine, "fp-a");
      await h.run(IdempotencyStore.use((s) => s.complete(mine, { ok: true, data: 1 })));
      expect(await claim(mine, "fp-b", 24 * 60 - 1)).toEqual({ _tag: "Mismatch" });
      expect(await claim(mine, "fp-b", 24 * 60 + 1)).toEqual({ _tag: "Claimed" });
      await claim(theirs, "fp-a", 0);
      expect(await claim(theirs, "fp-a", 0.5)).toEqual({ _tag: "InProgress" });
      expect(await claim(theirs, "fp-a", 2)).toEqual({ _tag: "Claimed" });
      // Created at minute 2 (theirs, claimed again) and at minute 1441 (mine, claimed again).
      expect(await h.run(IdempotencyStore.use((s) => s.purge(at(60))))).toBe(1);
      expect(await h.run(IdempotencyStore.use((s) => s.purge(at(3 * 24 * 60))))).toBe(1);
    });
  });
