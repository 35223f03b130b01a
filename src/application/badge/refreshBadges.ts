import { Effect } from "effect";
import { evaluateBadges, needsHomeRegionCount } from "../../domain/badge/badge.js";
import { badgeEarned } from "../../domain/notification/notification.js";
import { selfAndDescendants } from "../../domain/region/region.js";
import type { User } from "../../domain/user/user.js";
import { notify } from "../notification/notify.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { BadgeRepository } from "../ports/BadgeRepository.js";
import { Clock } from "../ports/Clock.js";
import type { DomainEvent } from "../ports/Events.js";
import { RegionRepository } from "../ports/RegionRepository.js";

/** Re-runs the badge rules on the user's current record (as the caller just wrote it); awards what is newly earned and notifies. */
export const refreshBadges = Effect.fn("refreshBadges")(function* (user: User) {
  const acceptedInHomeRegion =
    user.regionCode === null || !needsHomeRegionCount(user)
      ? 0
      : yield* (yield* AnswerRepository).countAcceptedInRegions(
          user.id,
          selfAndDescendants(yield* (yield* RegionRepository).catalog, user.regionCode),
        );
  const badges = yield* BadgeRepository;
  const held = yield* badges.listByUser(user.id);
  const awards = evaluateBadges({ ...user, acceptedInHomeRegion }, held);
  if (awards.length === 0) return [] as DomainEvent[];
  const now = yield* (yield* Clock).now;
  const events: DomainEvent[] = [];
  for (const award of awards) {
    yield* badges.upsert(user.id, { type: award.type, level: award.level }, now);
    events.push(...(yield* notify(badgeEarned(user.id, award.name, award.level, award.type), user)));
  }
  return events;
});
