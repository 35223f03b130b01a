import { Effect } from "effect";
import { selfAndAncestors } from "../../domain/region/region.js";
import type { UserId } from "../../domain/shared/ids.js";
import { Clock } from "../ports/Clock.js";
import { Presence } from "../ports/Presence.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UserRepository } from "../ports/UserRepository.js";

/** The signed-in user counts as online in their region and every region above it (a user without a region in none). */
export const markOnline = Effect.fn("markOnline")(function* (userId: UserId) {
  const user = yield* (yield* UserRepository).findById(userId);
  if (!user || user.deletedAt !== null || user.regionCode === null) return;
  const catalog = yield* (yield* RegionRepository).catalog;
  yield* (yield* Presence).markOnline(userId, selfAndAncestors(catalog, user.regionCode), yield* (yield* Clock).now);
});
