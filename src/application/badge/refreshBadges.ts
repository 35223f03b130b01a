import { Effect } from "effect";
import { type BadgeRecord, evaluateBadges, needsHomeRegionCount, reachesThreshold } from "../../domain/badge/badge.js";
import { badgeEarned } from "../../domain/notification/notification.js";
import { selfAndDescendants } from "../../domain/region/region.js";
import type { User } from "../../domain/user/user.js";
import { notify } from "../notification/notify.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { BadgeRepository } from "../ports/BadgeRepository.js";
import { Clock } from "../ports/Clock.js";
import type { DomainEvent } from "../ports/Events.js";
import { RegionRepository } from "../ports/RegionRepository.js";

type Counters = Partial<Pick<BadgeRecord, "questionCount" | "answerCount" | "acceptedAnswerCount">>;

/**
 * Re-runs the badge rules on the user's current record (as the caller just wrote it); awards what is
 * newly earned and notifies. A caller that has just grown a counter passes its value before: when no
 * threshold was reached nothing can be new, and nothing is read.
 */
export const refreshBadges = Effect.fn("refreshBadges")(function* (user: User, before?: Counters) {
  if (before && !needsHomeRegionCount(user)) {
    const now = { ...user, acceptedInHomeRegion: 0 };
    if (!reachesThreshold({ ...now, ...before }, now)) return [] as DomainEvent[];
  }
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
