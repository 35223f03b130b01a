import { Effect } from "effect";
import { badgeRule } from "../../domain/badge/badge.js";
import type { UserId } from "../../domain/shared/ids.js";
import { BadgeRepository } from "../ports/BadgeRepository.js";

export const listBadges = Effect.fn("listBadges")(function* (userId: UserId) {
  const held = yield* (yield* BadgeRepository).listByUser(userId);
  return held.map((b) => {
    const rule = badgeRule(b.type);
    return { ...b, name: rule?.name ?? b.type, description: rule?.description ?? "", maxLevel: rule?.thresholds.length ?? b.level };
  });
});
