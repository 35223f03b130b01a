import { Effect } from "effect";
import { type ConsentKind, consentChange, currentConsents } from "../../domain/privacy/consent.js";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { ConsentRepository } from "../ports/ConsentRepository.js";
import { Events } from "../ports/Events.js";
import { LocationLog } from "../ports/LocationLog.js";
import { PersonalData } from "../ports/PersonalData.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";

/** The caller's current consents, one per kind (never granted: off, no version). */
export const getConsents = Effect.fn("getConsents")(function* (userId: UserId) {
  return currentConsents(yield* (yield* ConsentRepository).historyOf(userId));
});

/**
 * Records a decision at the document's current version. Withdrawing location consent destroys the person's
 * location data at once (위치정보법 제24조 ④): their location-use records, their questions' coordinates and
 * the days their position was checked; the questions' pages and documents are refreshed by the events.
 */
export const setConsent = Effect.fn("setConsent")(function* (userId: UserId, kind: ConsentKind, granted: boolean) {
  const now = yield* (yield* Clock).now;
  const decision = yield* fromDomain(consentChange(userId, kind, granted, now));
  const users = yield* UserRepository;
  const consents = yield* ConsentRepository;
  yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const user = yield* users.findForUpdate(userId);
      if (!user) return yield* Effect.fail(UserNotFound);
      yield* consents.record([decision]);
      if (kind === "location" && !granted) {
        yield* (yield* LocationLog).eraseFor(userId);
        const changed = yield* (yield* PersonalData).clearLocations(userId);
        if (user.verifiedDays.length > 0) yield* users.saveProfile({ ...user, verifiedDays: [], updatedAt: now });
        yield* (yield* Events).record(changed.map((questionId) => ({ _tag: "QuestionChanged", questionId }) as const));
      }
    }),
  );
  return currentConsents(yield* consents.historyOf(userId));
});
