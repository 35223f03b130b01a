import { Context, type Effect } from "effect";
import type { Follow, FollowKind } from "../../domain/notification/follow.js";
import type { UserId } from "../../domain/shared/ids.js";

/** Where new questions are looked for: a region with its sub-regions (their codes), or a hashtag. */
export type QuestionScope =
  | { readonly kind: "region"; readonly regionCodes: readonly string[] }
  | { readonly kind: "hashtag"; readonly hashtag: string };

export interface NewQuestions {
  readonly count: number;
  /** The newest one's id (null when none). */
  readonly latestId: string | null;
}

/** Users' follows of regions and hashtags, and the new questions each should hear of. */
export class FollowRepository extends Context.Service<
  FollowRepository,
  {
    /** Adds the follow, or returns the user's existing follow of the same target (one per target). */
    readonly add: (follow: Follow) => Effect.Effect<Follow>;
    readonly find: (userId: UserId, kind: FollowKind, target: string) => Effect.Effect<Follow | undefined>;
    /** Oldest first. */
    readonly list: (userId: UserId) => Effect.Effect<readonly Follow[]>;
    readonly count: (userId: UserId) => Effect.Effect<number>;
    /** Removes the user's own follow; false when it is not theirs or gone. */
    readonly remove: (userId: UserId, id: string) => Effect.Effect<boolean>;
    /** Every follow of the user and their digest record (account deletion); returns how many follows. */
    readonly removeAllOf: (userId: UserId) => Effect.Effect<number>;
    /**
     * Follows of non-deleted users that may produce a notice now (never notified, or last notified at or before
     * `notifiedBefore`), in id order after `afterId`, at most `limit`.
     */
    readonly due: (notifiedBefore: Date, afterId: string | null, limit: number) => Effect.Effect<readonly Follow[]>;
    /** Records that questions up to `checkedUntil` were considered, and the notice's time when one was sent. */
    readonly markChecked: (id: string, checkedUntil: Date, notifiedAt: Date | null) => Effect.Effect<void>;
    /**
     * Listed questions (not hidden, not deleted) in the scope created in (since, until], not by `exclude`.
     */
    readonly newQuestions: (scope: QuestionScope, since: Date, until: Date, exclude: UserId) => Effect.Effect<NewQuestions>;
    /** Users (not deleted) with at least one follow who opted in to the daily digest, in id order after `afterId`. */
    /** Claims the user's digest of that Korean day (YYYY-MM-DD); false when it was claimed already. */
    readonly claimDigest: (userId: UserId, day: string, at: Date) => Effect.Effect<boolean>;
    readonly digestSubscribers: (afterId: string | null, limit: number) => Effect.Effect<readonly UserId[]>;
  }
>()("dongne/FollowRepository") {}
