import { Effect } from "effect";
import { evaluateBadges } from "../../domain/badge/badge.js";
import { badgeEarned } from "../../domain/notification/notification.js";
import { selfAndDescendants } from "../../domain/region/region.js";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { notify } from "../notification/notify.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { BadgeRepository } from "../ports/BadgeRepository.js";
import { Clock } from "../ports/Clock.js";
import type { DomainEvent } from "../ports/Events.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UserRepository } from "../ports/UserRepository.js";

/** Re-runs the badge rules on the user's current record; awards what is newly earned and notifies. */
export const refreshBadges = Effect.fn("refreshBadges")(function* (userId: UserId) {
  const user = yield* (yield* UserRepository).findById(userId);
  if (!user) return yield* Effect.fail(UserNotFound);
  const catalog = yield* (yield* RegionRepository).catalog;
  const acceptedInHomeRegion =
    user.regionCode === null
      ? 0
      : yield* (yield* AnswerRepository).countAcceptedInRegions(userId, selfAndDescendants(catalog, user.regionCode));
  const badges = yield* BadgeRepository;
  const held = yield* badges.listByUser(userId);
  const awards = evaluateBadges({ ...user, acceptedInHomeRegion }, held);
  const now = yield* (yield* Clock).now;
  const events: DomainEvent[] = [];
  for (const award of awards) {
    yield* badges.upsert(userId, { type: award.type, level: award.level }, now);
    events.push(...(yield* notify(badgeEarned(userId, award.name, award.level, award.type))));
  }
  return events;
});
