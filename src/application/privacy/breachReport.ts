import { Effect } from "effect";
import { PrivacyAudit } from "../ports/PrivacyAudit.js";

/**
 * The people whose data a time window touched (개인정보 보호법 제34조: those to notify after a breach):
 * administrators' reads, location uses and sessions active in [from, to). Access logs carry no user id
 * (see docs/privacy.md), so they add no one.
 */
export const breachReport = Effect.fn("breachReport")(function* (from: Date, to: Date) {
  const people = yield* (yield* PrivacyAudit).touchedBetween(from, to);
  const deletions = yield* (yield* PrivacyAudit).deletionsBetween(from, to);
  return { from, to, people, accountsDeleted: deletions.length };
});
