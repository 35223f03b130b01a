import { Effect } from "effect";
import { type Account, type LedgerEntry, type Posting, post, referenceKey } from "../../domain/ledger/ledger.js";
import { UserNotFound } from "../errors.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { Ids } from "../ports/Ids.js";
import { LedgerRepository } from "../ports/LedgerRepository.js";

/**
 * Posts to the ledger inside the caller's unit of work; a repeated reference posts nothing and returns null.
 * A caller that already holds the account's lock (it locked the user's row first) passes the account.
 */
export const awardPoints = Effect.fn("awardPoints")(function* (posting: Posting, held?: Account) {
  const ledger = yield* LedgerRepository;
  const account = held ?? (yield* ledger.account(posting.userId));
  if (!account) return yield* Effect.fail(UserNotFound);
  const key = referenceKey(posting);
  const id = yield* (yield* Ids).next;
  const at = yield* (yield* Clock).now;
  // The unique reference key decides duplicates; only a spend that cannot be afforded asks first, as a retry of a paid spend is no error.
  const outcome = yield* fromDomain(post(account, posting, false, { id, at })).pipe(
    Effect.catchTag("WouldGoNegative", (e) =>
      Effect.flatMap(ledger.hasReference(key), (seen) => (seen ? Effect.succeed({ kind: "duplicate" as const, account }) : Effect.fail(e))),
    ),
  );
  if (outcome.kind === "duplicate") return null;
  const appended = yield* ledger.append(outcome.entry, key, outcome.account);
  return appended ? (outcome.entry as LedgerEntry) : null;
});
