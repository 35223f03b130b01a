import type { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LedgerRepository } from "../../src/application/ports/LedgerRepository.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { type LedgerEntry, referenceKey } from "../../src/domain/ledger/ledger.js";
import { T0 } from "../support/builders.js";
import { userN, uuid } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

export const ledgerRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`LedgerRepository contract: ${name}`, () => {
    let h: Harness;
    const u = userN(1);
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => r.insert(u)));
    });
    afterEach(() => h.dispose());
    const ledger = <A, E>(f: (r: LedgerRepository["Service"]) => Effect.Effect<A, E>) => h.run(LedgerRepository.use(f));
    const entry = (n: number, amount: number, before: number): LedgerEntry => ({
      id: uuid(n, 4),
      userId: u.id,
      type: amount > 0 ? "earn_accepted_answer" : "spend_highlight",
      amount,
      reference: { type: "answer", id: uuid(n, 3) },
      description: "테스트",
      balanceBefore: before,
      balanceAfter: before + amount,
      createdAt: new Date(T0.getTime() + n * 1000),
    });

    it("starts an account at zero; unknown users have none", async () => {
      expect(await ledger((r) => r.account(u.id))).toEqual({ userId: u.id, balance: 0, totalEarned: 0 });
      expect(await ledger((r) => r.account(userN(9).id))).toBeUndefined();
    });

    it("append moves the balance with the entry, remembers the reference, and pages history newest first", async () => {
      const entries = [entry(1, 150, 0), entry(2, -100, 150), entry(3, 150, 50)];
      let total = 0;
      for (const e of entries) {
        total += Math.max(0, e.amount);
        await ledger((r) => r.append(e, referenceKey(e), { userId: u.id, balance: e.balanceAfter, totalEarned: total }));
      }
      expect(await ledger((r) => r.account(u.id))).toEqual({ userId: u.id, balance: 200, totalEarned: 300 });
      expect(await h.run(UserRepository.use((r) => r.findById(u.id)))).toMatchObject({ pointBalance: 200, totalEarnedPoints: 300 });
      expect(await ledger((r) => r.hasReference(referenceKey(entries[0] as LedgerEntry)))).toBe(true);
      expect(await ledger((r) => r.hasReference(`${u.id}|earn_answer|answer|x`))).toBe(false);
      const page1 = await ledger((r) => r.history(u.id, undefined, 2));
      expect(page1.map((e) => e.amount)).toEqual([150, -100]);
      expect(page1[0]).toEqual(entries[2]);
      const page2 = await ledger((r) => r.history(u.id, page1[1]?.id, 2));
      expect(page2).toEqual([entries[0]]);
    });
  });
