import { Effect, Layer } from "effect";
import { BadgeRepository } from "../../application/ports/BadgeRepository.js";
import { InMemoryStore } from "./InMemoryStore.js";

export const InMemoryBadgeRepository = Layer.effect(
  BadgeRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const t = () => store.tables;
    return {
      listByUser: (userId) =>
        Effect.sync(() =>
          [...t().badges.values()]
            .filter((b) => b.userId === userId)
            .map(({ type, level, earnedAt }) => ({ type, level, earnedAt }))
            .sort((a, b) => a.earnedAt.getTime() - b.earnedAt.getTime() || (a.type < b.type ? -1 : 1)),
        ),
      upsert: (userId, badge, at) =>
        Effect.sync(() => {
          const key = `${userId}|${badge.type}`;
          const held = t().badges.get(key);
          if (!held) t().badges.set(key, { userId, type: badge.type, level: badge.level, earnedAt: at });
          else if (badge.level > held.level) t().badges.set(key, { ...held, level: badge.level, earnedAt: at });
        }),
    };
  }),
);
