import { Effect } from "effect";
import { MAX_FOLLOWS, targetLabel } from "../../domain/notification/follow.js";
import type { UserId } from "../../domain/shared/ids.js";
import { FollowRepository } from "../ports/FollowRepository.js";
import { RegionRepository } from "../ports/RegionRepository.js";

/** The caller's follows, oldest first, each with how it reads (a region's Korean name, or #tag). */
export const listFollows = Effect.fn("listFollows")(function* (userId: UserId) {
  const catalog = yield* (yield* RegionRepository).catalog;
  const follows = yield* (yield* FollowRepository).list(userId);
  return { items: follows.map((f) => ({ ...f, label: targetLabel(catalog, f.kind, f.target) })), max: MAX_FOLLOWS };
});
