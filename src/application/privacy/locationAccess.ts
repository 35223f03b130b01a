import { Effect } from "effect";
import { currentConsents, mayUseLocation } from "../../domain/privacy/consent.js";
import type { LocationUse } from "../../domain/privacy/location.js";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { ConsentRepository } from "../ports/ConsentRepository.js";
import { LocationLog } from "../ports/LocationLog.js";
import { ReadFromPrimary } from "../ports/ReadConsistency.js";
import { UserRepository } from "../ports/UserRepository.js";

/** Refuses a location feature without the location terms (and a guardian's consent under 14). */
export const requireLocationConsent = Effect.fn("requireLocationConsent")(function* (userId: UserId) {
  // Gates a use of location: read the primary, so a consent just given (or withdrawn) counts at once.
  const { user, history } = yield* Effect.all({
    user: (yield* UserRepository).findById(userId),
    history: (yield* ConsentRepository).historyOf(userId),
  }).pipe(Effect.provideService(ReadFromPrimary, true));
  if (!user || user.deletedAt !== null) return yield* Effect.fail(UserNotFound);
  yield* fromDomain(mayUseLocation(user, currentConsents(history), yield* (yield* Clock).now));
});

/** Appends the record of one use of a person's location (inside the use's unit of work when it has one). */
export const recordLocationUse = Effect.fn("recordLocationUse")(function* (use: Omit<LocationUse, "usedAt">) {
  const usedAt = yield* (yield* Clock).now;
  yield* (yield* LocationLog).append({ ...use, usedAt });
});
