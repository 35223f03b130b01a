import { Effect, Layer } from "effect";
import { BadgeRepository } from "../../application/ports/BadgeRepository.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

export const PgBadgeRepository = Layer.effect(
  BadgeRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      listByUser: (userId) =>
        Effect.map(
          sql.readRows<{ badge_type: string; badge_level: number; earned_at: Date }>(
            "SELECT badge_type, badge_level, earned_at FROM user_badges WHERE user_id = $1 ORDER BY earned_at, badge_type",
            [userId],
          ),
          (rows) => rows.map((r) => ({ type: r.badge_type, level: r.badge_level, earnedAt: r.earned_at })),
        ),
      upsert: (userId, badge, at) =>
        Effect.asVoid(
          sql.rows(
            `INSERT INTO user_badges (user_id, badge_type, badge_level, earned_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (user_id, badge_type) DO UPDATE SET badge_level = EXCLUDED.badge_level, earned_at = EXCLUDED.earned_at
             WHERE user_badges.badge_level < EXCLUDED.badge_level`,
            [userId, badge.type, badge.level, at],
          ),
        ),
    };
  }),
);
