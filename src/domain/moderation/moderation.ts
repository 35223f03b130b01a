import type { UserId } from "../shared/ids.js";

export const TARGET_TYPES = ["question", "answer"] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

export interface PostTarget {
  readonly type: TargetType;
  readonly id: string;
}

export const FLAG_REASONS = ["spam", "abuse", "off_topic", "personal_info", "other"] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];

/** Distinct users' flags that hide a post pending review (MODERATION_FLAG_THRESHOLD). */
export const DEFAULT_FLAG_THRESHOLD = 3;

export const RESOLUTIONS = ["restore", "hide", "delete"] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export interface Flag {
  readonly target: PostTarget;
  readonly userId: UserId;
  readonly reason: FlagReason;
  readonly createdAt: Date;
}

/** Why a post is waiting for a moderator. */
export type ReviewCause = "flags" | "profanity";

export interface Review {
  readonly target: PostTarget;
  readonly authorId: UserId;
  readonly cause: ReviewCause;
  /** Whether the post was hidden when the review opened (flags hide; the profanity check only queues). */
  readonly hidden: boolean;
  /** A question's status before it was hidden, to restore it. */
  readonly previousStatus: string | null;
  readonly state: "pending" | "resolved";
  readonly resolution: Resolution | null;
  readonly resolvedBy: UserId | null;
  readonly openedAt: Date;
  readonly resolvedAt: Date | null;
}

export type CannotFlagOwnPost = { readonly _tag: "CannotFlagOwnPost" };
export type AlreadyFlagged = { readonly _tag: "AlreadyFlagged" };
export type ReviewNotFound = { readonly _tag: "ReviewNotFound" };
export type NotModerator = { readonly _tag: "NotModerator" };
export type NotAdmin = { readonly _tag: "NotAdmin" };

/** The flag that takes a post to `threshold` distinct flags hides it; later ones change nothing more. */
export const hidesAt = (distinctFlags: number, threshold: number): boolean => distinctFlags === threshold;

export const openReview = (
  target: PostTarget,
  authorId: UserId,
  cause: ReviewCause,
  hidden: boolean,
  previousStatus: string | null,
  now: Date,
): Review => ({
  target,
  authorId,
  cause,
  hidden,
  previousStatus,
  state: "pending",
  resolution: null,
  resolvedBy: null,
  openedAt: now,
  resolvedAt: null,
});

/** An entry of the append-only moderation audit log. */
export interface AuditEntry {
  readonly actorId: UserId | null;
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly detail: Readonly<Record<string, string | number | boolean | null>>;
  readonly createdAt: Date;
}
