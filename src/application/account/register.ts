import { Effect } from "effect";
import { UserId } from "../../domain/shared/ids.js";
import { newUser, validateRegistration } from "../../domain/user/user.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { Ids } from "../ports/Ids.js";
import { PasswordHasher } from "../ports/PasswordHasher.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { SessionStore } from "../ports/SessionStore.js";
import { UserRepository } from "../ports/UserRepository.js";
import { SESSION_TTL_MS } from "./sessionPolicy.js";

export interface RegisterInput {
  readonly email: string;
  readonly password: string;
  readonly nickname: string;
  readonly regionCode?: string | undefined;
}

export const register = Effect.fn("register")(function* (input: RegisterInput) {
  const catalog = yield* (yield* RegionRepository).catalog;
  const registration = yield* fromDomain(validateRegistration(input, catalog));
  const users = yield* UserRepository;
  if (yield* users.findByEmail(registration.email)) return yield* Effect.fail({ _tag: "EmailTaken" as const });
  const passwordHash = yield* (yield* PasswordHasher).hash(input.password);
  const now = yield* (yield* Clock).now;
  const user = newUser(UserId(yield* (yield* Ids).next), registration, passwordHash, now);
  yield* users.insert(user);
  const session = yield* (yield* SessionStore).create(user.id, new Date(now.getTime() + SESSION_TTL_MS));
  return { user, session };
});
