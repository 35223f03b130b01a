import { Effect } from "effect";
import { UserId } from "../../domain/shared/ids.js";
import { newUser, normalizeEmail, validateRegistration } from "../../domain/user/user.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { Ids } from "../ports/Ids.js";
import { PasswordHasher } from "../ports/PasswordHasher.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UserRepository } from "../ports/UserRepository.js";
import { acceptNewPassword } from "./newPassword.js";
import { type ClientInfo, NO_CLIENT, startSession } from "./startSession.js";
import { throttle } from "./throttle.js";

export interface RegisterInput {
  readonly email: string;
  readonly password: string;
  readonly nickname: string;
  readonly regionCode?: string | undefined;
}

/**
 * Registrations are counted per client address and per email (a taken email counts: probing for accounts
 * is what the per-email limit slows); input refused by the rules counts against neither.
 */
export const register = Effect.fn("register")(function* (input: RegisterInput, client: ClientInfo = NO_CLIENT) {
  const catalog = yield* (yield* RegionRepository).catalog;
  const registration = yield* fromDomain(validateRegistration(input, catalog));
  yield* acceptNewPassword(input.password, registration);
  yield* throttle([
    ["registerPerAddress", client.address],
    ["registerPerAccount", normalizeEmail(input.email)],
  ]);
  const users = yield* UserRepository;
  if (yield* users.findByEmail(registration.email)) return yield* Effect.fail({ _tag: "EmailTaken" as const });
  const passwordHash = yield* (yield* PasswordHasher).hash(input.password);
  const now = yield* (yield* Clock).now;
  const user = newUser(UserId(yield* (yield* Ids).next), registration, passwordHash, now);
  yield* users.insert(user);
  const session = yield* startSession(user.id, client);
  return { user, session };
});
