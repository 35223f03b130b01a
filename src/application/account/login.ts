import { Effect } from "effect";
import { accountOf, award } from "../../domain/ledger/ledger.js";
import { kstDay } from "../../domain/shared/time.js";
import { normalizeEmail } from "../../domain/user/user.js";
import { InvalidCredentials } from "../errors.js";
import { awardPoints } from "../ledger/awardPoints.js";
import { Clock } from "../ports/Clock.js";
import { PasswordHasher } from "../ports/PasswordHasher.js";
import { RateLimiter } from "../ports/RateLimiter.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { type ClientInfo, NO_CLIENT, startSession } from "./startSession.js";
import { throttle } from "./throttle.js";

/**
 * Every attempt is counted before the password is checked (so concurrent guesses are counted too), per
 * account and per client address; a successful sign-in clears the account's count and gives its
 * address's attempt back, so only failures add up.
 */
export const login = Effect.fn("login")(function* (
  input: { readonly email: string; readonly password: string },
  client: ClientInfo = NO_CLIENT,
) {
  const users = yield* UserRepository;
  const hasher = yield* PasswordHasher;
  const email = normalizeEmail(input.email);
  yield* throttle([
    ["loginPerAddress", client.address],
    ["loginPerAccount", email],
  ]);
  const user = yield* users.findByEmail(email);
  const valid = yield* hasher.verify(user?.passwordHash, input.password);
  if (!user || !valid) return yield* Effect.fail(InvalidCredentials);
  const limiter = yield* RateLimiter;
  yield* limiter.reset("loginPerAccount", email);
  if (client.address !== null) yield* limiter.refund("loginPerAddress", client.address);
  const now = yield* (yield* Clock).now;
  yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const current = yield* users.findForUpdate(user.id);
      if (!current) return yield* Effect.fail(InvalidCredentials);
      yield* users.touch(user.id, now);
      yield* awardPoints(award(user.id, "earn_daily_login", { type: "login-day", id: kstDay(now) }), accountOf(current));
    }),
  );
  const session = yield* startSession(user.id, client);
  return { user: (yield* users.findById(user.id)) ?? user, session };
});
