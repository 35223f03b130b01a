import { Context } from "effect";
import { DEFAULT_FLAG_THRESHOLD } from "../../domain/moderation/moderation.js";
import { DEFAULT_NEW_USER_HOURS, DEFAULT_NEW_USER_MAX_LINKS } from "../../domain/moderation/postingLimits.js";

/** The posting rules the operator configures (NEW_USER_HOURS, NEW_USER_MAX_LINKS, MODERATION_FLAG_THRESHOLD). */
export interface PostingPolicyShape {
  /** POSTING_LIMITS=off (or RATE_LIMITS=off, through the rate limit policy) switches the posting limits off. */
  readonly enabled: boolean;
  readonly newUserMs: number;
  readonly newUserMaxLinks: number;
  readonly flagThreshold: number;
}

export const PostingPolicy = Context.Reference<PostingPolicyShape>("dongne/PostingPolicy", {
  defaultValue: () => ({
    enabled: true,
    newUserMs: DEFAULT_NEW_USER_HOURS * 3_600_000,
    newUserMaxLinks: DEFAULT_NEW_USER_MAX_LINKS,
    flagThreshold: DEFAULT_FLAG_THRESHOLD,
  }),
});
