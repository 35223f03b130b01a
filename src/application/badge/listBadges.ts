import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { BadgeRepository } from "../ports/BadgeRepository.js";

export const listBadges = Effect.fn("listBadges")(function* (userId: UserId) {
  return yield* (yield* BadgeRepository).listByUser(userId);
});
