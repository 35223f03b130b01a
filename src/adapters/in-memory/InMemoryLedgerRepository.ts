import { Effect, Layer } from "effect";
import { LedgerRepository } from "../../application/ports/LedgerRepository.js";
import { InMemoryStore } from "./InMemoryStore.js";

export const InMemoryLedgerRepository = Layer.effect(
  LedgerRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const t = () => store.tables;
    return {
      account: (userId) =>
        Effect.sync(() => {
          const u = t().users.get(userId);
          return u && u.deletedAt === null ? { userId, balance: u.pointBalance, totalEarned: u.totalEarnedPoints } : undefined;
        }),
      hasReference: (key) => Effect.sync(() => t().ledgerKeys.has(key)),
      append: (entry, key, account) =>
        Effect.sync(() => {
          const u = t().users.get(entry.userId);
          if (!u) throw new Error(`ledger append for unknown user ${entry.userId}`);
          if (t().ledgerKeys.has(key)) return false;
          t().ledger.push(entry);
          t().ledgerKeys.add(key);
          t().users.set(u.id, { ...u, pointBalance: account.balance, totalEarnedPoints: account.totalEarned });
          return true;
        }),
      history: (userId, before, limit) =>
        Effect.sync(() => {
          const mine = t()
            .ledger.filter((e) => e.userId === userId)
            .reverse();
          const start = before === undefined ? 0 : mine.findIndex((e) => e.id === before) + 1;
          return mine.slice(start, start + limit);
        }),
    };
  }),
);
