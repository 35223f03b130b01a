import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { LedgerRepository } from "../ports/LedgerRepository.js";

export const pointsBalance = Effect.fn("pointsBalance")(function* (userId: UserId) {
  const account = yield* (yield* LedgerRepository).account(userId);
  if (!account) return yield* Effect.fail(UserNotFound);
  return { balance: account.balance, totalEarned: account.totalEarned };
});
