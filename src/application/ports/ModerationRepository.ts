import { Context, type Effect } from "effect";
import type { AuditEntry, Flag, PostTarget, Resolution, Review } from "../../domain/moderation/moderation.js";
import type { UserId } from "../../domain/shared/ids.js";
import type { Role } from "../../domain/user/role.js";

/** Flags, the review queue, roles and the append-only audit log. */
export class ModerationRepository extends Context.Service<
  ModerationRepository,
  {
    /** Stores the flag; false (and nothing stored) when this user already flagged this post. */
    readonly addFlag: (flag: Flag) => Effect.Effect<boolean>;
    /** Distinct users who flagged the post. */
    readonly countFlags: (target: PostTarget) => Effect.Effect<number>;
    /**
     * Opens the post's review; false when one is already pending (left as it is, unless this one hides the post and
     * the pending one did not: then it takes this one's cause, hidden flag and previous status). A resolved review is reopened.
     */
    readonly openReview: (review: Review) => Effect.Effect<boolean>;
    readonly findReview: (target: PostTarget) => Effect.Effect<Review | undefined>;
    /** Pending reviews, oldest first, after the given one (keyset on opened time and id). */
    readonly pending: (query: {
      readonly limit: number;
      readonly after?: { readonly openedAt: Date; readonly id: string };
    }) => Effect.Effect<readonly Review[]>;
    /** Marks a pending review resolved; false when it was not pending (someone resolved it first). */
    readonly resolve: (target: PostTarget, resolution: Resolution, by: UserId, at: Date) => Effect.Effect<boolean>;
    readonly audit: (entry: AuditEntry) => Effect.Effect<void>;
    /** Audit entries about one target, oldest first. */
    readonly auditOf: (target: { readonly type: string; readonly id: string }) => Effect.Effect<readonly AuditEntry[]>;
    /** A user's role; "user" for an unknown one. */
    readonly roleOf: (userId: UserId) => Effect.Effect<Role>;
    /** false when no such (live) user. */
    readonly setRole: (userId: UserId, role: Role) => Effect.Effect<boolean>;
  }
>()("dongne/ModerationRepository") {}
