import { Effect, Layer } from "effect";
import { LedgerRepository } from "../../application/ports/LedgerRepository.js";
import type { LedgerEntry } from "../../domain/ledger/ledger.js";
import { InMemoryStore, table } from "./InMemoryStore.js";
import { USERS } from "./sharedTables.js";

/** The entries in posting order, and the reference keys already posted. Balances live on the users. */
export const LEDGER = table(
  () => ({ entries: [] as LedgerEntry[], keys: new Set<string>() }),
  (l) => ({ entries: [...l.entries], keys: new Set(l.keys) }),
);

export const InMemoryLedgerRepository = Layer.effect(
  LedgerRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const ledger = () => store.get(LEDGER);
    const users = () => store.get(USERS);
    return {
      account: (userId) =>
        Effect.sync(() => {
          const u = users().get(userId);
          return u && u.deletedAt === null ? { userId, balance: u.pointBalance, totalEarned: u.totalEarnedPoints } : undefined;
        }),
      hasReference: (key) => Effect.sync(() => ledger().keys.has(key)),
      append: (entry, key, account) =>
        Effect.sync(() => {
          const u = users().get(entry.userId);
          if (!u) throw new Error(`ledger append for unknown user ${entry.userId}`);
          const { entries, keys } = ledger();
          if (keys.has(key)) return false;
          entries.push(entry);
          keys.add(key);
          users().set(u.id, { ...u, pointBalance: account.balance, totalEarnedPoints: account.totalEarned });
          return true;
        }),
      history: (userId, before, limit) =>
        Effect.sync(() => {
          const mine = ledger()
            .entries.filter((e) => e.userId === userId)
            .reverse();
          const start = before === undefined ? 0 : mine.findIndex((e) => e.id === before) + 1;
          return mine.slice(start, start + limit);
        }),
    };
  }),
);
