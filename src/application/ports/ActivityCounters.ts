import { Context, type Effect } from "effect";
import type { ActivityTop, AskedActivity } from "../../domain/activity/window.js";
import type { TrendingRange } from "../../domain/hashtag/trending.js";

/** The counters' store could not answer (down, slow, breaker open): trending then reads PostgreSQL. */
export interface ActivityUnavailable {
  readonly _tag: "ActivityUnavailable";
  /** `{operation}: {failed|timeout|circuit_open}`: a metric label. */
  readonly reason: string;
  readonly message?: string;
}

/** Where a rebuild stands: done already, ours to do now (the lock is held), or another instance's. */
export type RebuildClaim = "built" | "claimed" | "busy";

/**
 * Windowed counts of what questions are asked about and where, for trending (24 h and 7 d): hashtags and
 * regions (a question counts in its region and every ancestor, so a city counts its dongs). Buckets and
 * edges as in src/domain/activity/window.ts. A derived view: PostgreSQL stays the source of truth, and
 * the counters are rebuilt from it when empty.
 */
export class ActivityCounters extends Context.Service<
  ActivityCounters,
  {
    /** Counts one asked question, once: false when it was counted already (a redelivery, or the rebuild got it). */
    readonly record: (activity: AskedActivity) => Effect.Effect<boolean, ActivityUnavailable>;
    /** The window's busiest hashtags and regions at `now`, `limit` of each at most, highest count first (ties by key). */
    readonly top: (
      range: TrendingRange,
      now: Date,
      limit: number,
    ) => Effect.Effect<ActivityTop & { readonly degraded?: boolean }, ActivityUnavailable>;
    /** Whether the counters hold a rebuild (marker present); when not, takes the rebuild lock if it is free. */
    readonly claimRebuild: Effect.Effect<RebuildClaim, ActivityUnavailable>;
    /** The rebuild is done: sets the marker and lets go of the lock. */
    readonly finishRebuild: Effect.Effect<void, ActivityUnavailable>;
  }
>()("dongne/ActivityCounters") {}

/** The questions asked since a time, from the source of truth: what a rebuild and the stand-in count. */
export class ActivityHistory extends Context.Service<
  ActivityHistory,
  {
    /** Every listed question (not deleted, not hidden) created at or after `since`, oldest first. */
    readonly askedSince: (
      since: Date,
    ) => Effect.Effect<
      readonly { readonly questionId: string; readonly hashtags: readonly string[]; readonly regionCode: string; readonly at: Date }[]
    >;
  }
>()("dongne/ActivityHistory") {}
