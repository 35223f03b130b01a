import { Context, type Effect } from "effect";
import type { Account, LedgerEntry } from "../../domain/ledger/ledger.js";
import type { UserId } from "../../domain/shared/ids.js";

export interface HistoryPage {
  readonly entries: readonly LedgerEntry[];
}

export class LedgerRepository extends Context.Service<
  LedgerRepository,
  {
    /** The account as of now, from the primary; inside a unit of work it is held (locked) until the end of it. */
    readonly account: (userId: UserId) => Effect.Effect<Account | undefined>;
    readonly hasReference: (key: string) => Effect.Effect<boolean>;
    /**
     * Appends the entry and sets the account's balance and total to the entry's result, atomically;
     * false, writing nothing, when an entry with the same reference key exists (the posting was already applied).
     */
    readonly append: (entry: LedgerEntry, key: string, account: Account) => Effect.Effect<boolean>;
    /** Newest first; `before` is the id of the last entry of the previous page. */
    readonly history: (userId: UserId, before: string | undefined, limit: number) => Effect.Effect<readonly LedgerEntry[]>;
  }
>()("dongne/LedgerRepository") {}
