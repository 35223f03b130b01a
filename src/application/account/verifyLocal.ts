import { Effect } from "effect";
import { locateNear } from "../../domain/region/region.js";
import { inServiceArea, type LatLng } from "../../domain/shared/geo.js";
import type { UserId } from "../../domain/shared/ids.js";
import { verifyLocation } from "../../domain/user/verification.js";
import { refreshBadges } from "../badge/refreshBadges.js";
import { UserNotFound } from "../errors.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { Events } from "../ports/Events.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { recordLocationUse, requireLocationConsent } from "../privacy/locationAccess.js";

/**
 * Needs the location terms (and a guardian's consent under 14). The position is used once, to find its
 * region, and recorded as a use (whatever the outcome); no coordinate is stored, only the day of a success.
 */
export const verifyLocal = Effect.fn("verifyLocal")(function* (userId: UserId, position: LatLng) {
  const point = yield* fromDomain(inServiceArea(position));
  yield* requireLocationConsent(userId);
  yield* recordLocationUse({ userId, purpose: "verification", recipient: null, reference: null });
  const catalog = yield* (yield* RegionRepository).catalog;
  const users = yield* UserRepository;
  const now = yield* (yield* Clock).now;
  const { outcome } = yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const user = yield* users.findForUpdate(userId);
      if (!user || user.deletedAt !== null) return yield* Effect.fail(UserNotFound);
      const outcome = yield* fromDomain(verifyLocation(user, locateNear(catalog, point), catalog, now));
      yield* users.saveProfile(outcome.user);
      const badgeEvents = yield* refreshBadges(outcome.user);
      // A new local status shows in the author's questions' search documents.
      const authorChanged = outcome.user.verificationLevel !== outcome.previousLevel ? [{ _tag: "AuthorChanged", userId } as const] : [];
      yield* (yield* Events).record([...authorChanged, ...badgeEvents]);
      return { outcome };
    }),
  );
  return { verificationLevel: outcome.user.verificationLevel, previousLevel: outcome.previousLevel, region: outcome.region };
});
