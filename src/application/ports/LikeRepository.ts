import { Context, type Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";

export type LikeTargetKind = "question" | "answer";

export class LikeRepository extends Context.Service<
  LikeRepository,
  {
    /** True when this like is new; false when the user had already liked the item. */
    readonly add: (kind: LikeTargetKind, targetId: string, userId: UserId) => Effect.Effect<boolean>;
  }
>()("dongne/LikeRepository") {}
