import { Effect, Layer } from "effect";
import type { HeldBadge } from "../../application/ports/BadgeRepository.js";
import { BadgeRepository } from "../../application/ports/BadgeRepository.js";
import type { UserId } from "../../domain/shared/ids.js";
import { InMemoryStore, mapTable } from "./InMemoryStore.js";

/** One badge per `user|type`. */
export const BADGES = mapTable<string, HeldBadge & { readonly userId: UserId }>();

export const InMemoryBadgeRepository = Layer.effect(
  BadgeRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const badges = () => store.get(BADGES);
    return {
      listByUser: (userId) =>
        Effect.sync(() =>
          [...badges().values()]
            .filter((b) => b.userId === userId)
            .map(({ type, level, earnedAt }) => ({ type, level, earnedAt }))
            .sort((a, b) => a.earnedAt.getTime() - b.earnedAt.getTime() || (a.type < b.type ? -1 : 1)),
        ),
      upsert: (userId, badge, at) =>
        Effect.sync(() => {
          const key = `${userId}|${badge.type}`;
          const held = badges().get(key);
          if (!held) badges().set(key, { userId, type: badge.type, level: badge.level, earnedAt: at });
          else if (badge.level > held.level) badges().set(key, { ...held, level: badge.level, earnedAt: at });
        }),
    };
  }),
);
