import { Effect } from "effect";
import { accountOf, award } from "../../domain/ledger/ledger.js";
import { kstDay } from "../../domain/shared/time.js";
import { normalizeEmail } from "../../domain/user/user.js";
import { InvalidCredentials } from "../errors.js";
import { awardPoints } from "../ledger/awardPoints.js";
import { Clock } from "../ports/Clock.js";
import { PasswordHasher } from "../ports/PasswordHasher.js";
import { SessionStore } from "../ports/SessionStore.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { SESSION_TTL_MS } from "./sessionPolicy.js";

export const login = Effect.fn("login")(function* (input: { readonly email: string; readonly password: string }) {
  const users = yield* UserRepository;
  const hasher = yield* PasswordHasher;
  const user = yield* users.findByEmail(normalizeEmail(input.email));
  const valid = yield* hasher.verify(user?.passwordHash, input.password);
  if (!user || !valid) return yield* Effect.fail(InvalidCredentials);
  const now = yield* (yield* Clock).now;
  yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const current = yield* users.findForUpdate(user.id);
      if (!current) return yield* Effect.fail(InvalidCredentials);
      yield* users.touch(user.id, now);
      yield* awardPoints(award(user.id, "earn_daily_login", { type: "login-day", id: kstDay(now) }), accountOf(current));
    }),
  );
  const session = yield* (yield* SessionStore).create(user.id, new Date(now.getTime() + SESSION_TTL_MS));
  return { user: (yield* users.findById(user.id)) ?? user, session };
});
