import { err, ok, type Result } from "neverthrow";
import type { UserId } from "../shared/ids.js";
import { ENTRY_DESCRIPTIONS, type EntryType, POINTS } from "./awards.js";

export interface Reference {
  /** What the entry is about: "answer", "question", "user", "badge", "login-day", "admin". */
  readonly type: string;
  readonly id: string;
}

export interface Posting {
  readonly userId: UserId;
  readonly type: EntryType;
  readonly amount: number;
  readonly reference: Reference;
  readonly description: string;
}

export interface LedgerEntry extends Posting {
  readonly id: string;
  readonly balanceBefore: number;
  readonly balanceAfter: number;
  readonly createdAt: Date;
}

/** What posting needs to know: the balance, and whether this posting's reference was already applied. */
export interface Account {
  readonly userId: UserId;
  readonly balance: number;
  readonly totalEarned: number;
}

export type WouldGoNegative = { readonly _tag: "WouldGoNegative"; readonly balance: number; readonly amount: number };
export type ZeroAmount = { readonly _tag: "ZeroAmount" };

export type PostOutcome =
  | { readonly kind: "posted"; readonly account: Account; readonly entry: LedgerEntry }
  | { readonly kind: "duplicate"; readonly account: Account };

/** The account of a user record (as read with its row locked). */
export const accountOf = (u: { readonly id: UserId; readonly pointBalance: number; readonly totalEarnedPoints: number }): Account => ({
  userId: u.id,
  balance: u.pointBalance,
  totalEarned: u.totalEarnedPoints,
});

/** A posting is idempotent per (user, entry type, reference): a retry finds it already applied. */
export const referenceKey = (p: Pick<Posting, "userId" | "type" | "reference">): string =>
  `${p.userId}|${p.type}|${p.reference.type}|${p.reference.id}`;

export const award = (userId: UserId, type: Exclude<EntryType, "admin_adjustment">, reference: Reference): Posting => ({
  userId,
  type,
  amount: POINTS[type],
  reference,
  description: ENTRY_DESCRIPTIONS[type],
});

export const post = (
  account: Account,
  posting: Posting,
  alreadyApplied: boolean,
  entry: { readonly id: string; readonly at: Date },
): Result<PostOutcome, WouldGoNegative | ZeroAmount> => {
  if (alreadyApplied) return ok({ kind: "duplicate", account });
  if (!Number.isSafeInteger(posting.amount) || posting.amount === 0) return err({ _tag: "ZeroAmount" });
  const balanceAfter = account.balance + posting.amount;
  if (balanceAfter < 0) return err({ _tag: "WouldGoNegative", balance: account.balance, amount: posting.amount });
  const next: Account = {
    ...account,
    balance: balanceAfter,
    totalEarned: account.totalEarned + Math.max(0, posting.amount),
  };
  return ok({
    kind: "posted",
    account: next,
    entry: { ...posting, id: entry.id, balanceBefore: account.balance, balanceAfter, createdAt: entry.at },
  });
};
