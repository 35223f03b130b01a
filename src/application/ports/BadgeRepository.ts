import { Context, type Effect } from "effect";
import type { Badge } from "../../domain/badge/badge.js";
import type { UserId } from "../../domain/shared/ids.js";

export interface HeldBadge extends Badge {
  readonly earnedAt: Date;
}

export class BadgeRepository extends Context.Service<
  BadgeRepository,
  {
    readonly listByUser: (userId: UserId) => Effect.Effect<readonly HeldBadge[]>;
    /** One row per (user, type): inserts or raises the level, never lowers it. */
    readonly upsert: (userId: UserId, badge: Badge, at: Date) => Effect.Effect<void>;
  }
>()("dongne/BadgeRepository") {}
