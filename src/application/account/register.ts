import { Effect } from "effect";
import { type ConsentInput, checkRegistrationConsents, consentsAtRegistration } from "../../domain/privacy/consent.js";
import { UserId } from "../../domain/shared/ids.js";
import { newUser, normalizeEmail, validateRegistration } from "../../domain/user/user.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { ConsentRepository } from "../ports/ConsentRepository.js";
import { Ids } from "../ports/Ids.js";
import { PasswordHasher } from "../ports/PasswordHasher.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { acceptNewPassword } from "./newPassword.js";
import { type ClientInfo, NO_CLIENT, startSession } from "./startSession.js";
import { throttle } from "./throttle.js";

export interface RegisterInput {
  readonly email: string;
  readonly password: string;
  readonly nickname: string;
  readonly regionCode?: string | undefined;
  readonly birthYear?: number | undefined;
  /** Omitted by older clients: the required terms are recorded as shown and accepted, the optional ones off. */
  readonly consents?: ConsentInput | undefined;
}

/**
 * Registrations are counted per client address and per email (a taken email counts: probing for accounts
 * is what the per-email limit slows); input refused by the rules counts against neither.
 */
export const register = Effect.fn("register")(function* (input: RegisterInput, client: ClientInfo = NO_CLIENT) {
  const catalog = yield* (yield* RegionRepository).catalog;
  const clock = yield* Clock;
  const registration = yield* fromDomain(validateRegistration(input, catalog, yield* clock.now));
  // Checked before anything is counted or written.
  yield* fromDomain(checkRegistrationConsents(input.consents));
  yield* acceptNewPassword(input.password, registration);
  yield* throttle([
    ["registerPerAddress", client.address],
    ["registerPerAccount", normalizeEmail(input.email)],
  ]);
  const users = yield* UserRepository;
  if (yield* users.findByEmail(registration.email)) return yield* Effect.fail({ _tag: "EmailTaken" as const });
  const passwordHash = yield* (yield* PasswordHasher).hash(input.password);
  const now = yield* clock.now;
  const user = newUser(UserId(yield* (yield* Ids).next), registration, passwordHash, now);
  const consents = yield* fromDomain(consentsAtRegistration(user.id, input.consents, now));
  const consentRepository = yield* ConsentRepository;
  yield* (yield* UnitOfWork).transact(Effect.andThen(users.insert(user), consentRepository.record(consents)));
  const session = yield* startSession(user.id, client);
  return { user, session };
});
