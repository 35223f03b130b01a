import { Effect } from "effect";
import { type LedgerEntry, type Posting, post, referenceKey } from "../../domain/ledger/ledger.js";
import { UserNotFound } from "../errors.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { Ids } from "../ports/Ids.js";
import { LedgerRepository } from "../ports/LedgerRepository.js";

/** Posts to the ledger inside the caller's unit of work; a repeated reference posts nothing and returns null. */
export const awardPoints = Effect.fn("awardPoints")(function* (posting: Posting) {
  const ledger = yield* LedgerRepository;
  const account = yield* ledger.account(posting.userId);
  if (!account) return yield* Effect.fail(UserNotFound);
  const key = referenceKey(posting);
  const seen = yield* ledger.hasReference(key);
  const id = yield* (yield* Ids).next;
  const at = yield* (yield* Clock).now;
  const outcome = yield* fromDomain(post(account, posting, seen, { id, at }));
  if (outcome.kind === "duplicate") return null;
  yield* ledger.append(outcome.entry, key, outcome.account);
  return outcome.entry as LedgerEntry;
});
