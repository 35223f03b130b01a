import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { ENTRY_TYPES, POINTS } from "../../src/domain/ledger/awards.js";
import { type Account, award, type LedgerEntry, post, referenceKey } from "../../src/domain/ledger/ledger.js";
import { UserId } from "../../src/domain/shared/ids.js";
import { T0 } from "../support/builders.js";

const userId = UserId("u1");
const posting = fc.record({
  type: fc.constantFrom(...ENTRY_TYPES),
  refId: fc.string({ maxLength: 2 }),
  amount: fc.integer({ min: -300, max: 300 }),
});

describe("point ledger", () => {
  test.prop([fc.array(posting, { maxLength: 60 })])(
    "balance = sum of first-seen accepted amounts, never below zero, each entry's arithmetic holds",
    (postings) => {
      let account: Account = { userId, balance: 0, totalEarned: 0 };
      const applied = new Set<string>();
      const entries: LedgerEntry[] = [];
      let expected = 0;
      for (const [i, p] of postings.entries()) {
        const candidate = { userId, type: p.type, amount: p.amount, reference: { type: "test", id: p.refId }, description: "" };
        const key = referenceKey(candidate);
        const outcome = post(account, candidate, applied.has(key), { id: `e${i}`, at: T0 });
        if (outcome.isOk()) {
          const o = outcome.value;
          if (o.kind === "posted") {
            applied.add(key);
            entries.push(o.entry);
            expected += p.amount;
            expect(o.entry.balanceAfter).toBe(o.entry.balanceBefore + o.entry.amount);
            expect(o.entry.balanceBefore).toBe(account.balance);
          } else expect(o.account).toEqual(account);
          account = o.account;
        } else {
          // refused: nothing changes, and the refusal is for a reason
          expect(p.amount === 0 || account.balance + p.amount < 0).toBe(true);
        }
        expect(account.balance).toBe(expected);
        expect(account.balance).toBeGreaterThanOrEqual(0);
        expect(account.balance).toBe(entries.at(-1)?.balanceAfter ?? 0);
        expect(account.totalEarned).toBe(entries.filter((e) => e.amount > 0).reduce((s, e) => s + e.amount, 0));
      }
    },
  );

  test.prop([fc.integer({ min: 1, max: 20 })])("an award applied many times counts once", (times) => {
    const p = award(userId, "earn_accepted_answer", { type: "answer", id: "a1" });
    let account: Account = { userId, balance: 0, totalEarned: 0 };
    const applied = new Set<string>();
    for (let i = 0; i < times; i++) {
      const o = post(account, p, applied.has(referenceKey(p)), { id: `e${i}`, at: T0 })._unsafeUnwrap();
      applied.add(referenceKey(p));
      account = o.account;
    }
    expect(account.balance).toBe(150);
  });

  test("one table of amounts, with 150 for an accepted answer and spends negative", () => {
    expect(POINTS.earn_accepted_answer).toBe(150);
    for (const [type, amount] of Object.entries(POINTS)) expect(type.startsWith("spend_") ? amount < 0 : amount > 0).toBe(true);
  });

  test("a spend that would go negative is refused", () => {
    const spend = award(userId, "spend_highlight", { type: "question", id: "q1" });
    expect(post({ userId, balance: 99, totalEarned: 99 }, spend, false, { id: "e", at: T0 })._unsafeUnwrapErr()._tag).toBe(
      "WouldGoNegative",
    );
  });
});
