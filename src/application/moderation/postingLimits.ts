import { Effect, Exit } from "effect";
import { checkLinks, isNewUser, repostFingerprint } from "../../domain/moderation/postingLimits.js";
import type { UserId } from "../../domain/shared/ids.js";
import type { DuplicatePost, RateLimited } from "../errors.js";
import { UserNotFound } from "../errors.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { PostingPolicy } from "../ports/PostingPolicy.js";
import { type LimitName, RateLimiter } from "../ports/RateLimiter.js";
import { RateLimitPolicy } from "../ports/RateLimitPolicy.js";
import { ReadFromPrimary } from "../ports/ReadConsistency.js";
import { UserRepository } from "../ports/UserRepository.js";

export interface Posting {
  readonly kind: "question" | "answer";
  readonly authorId: UserId;
  /** The text that must not be posted twice in a row (a question's title and content, an answer's content). */
  readonly text: string;
  /** Checked for links (a new user's answer). */
  readonly linkText?: string;
  /** false for an edit: it is no new post, so a new user's question and answer counts do not apply. */
  readonly counts?: boolean;
}

/**
 * Runs `post` under the posting limits (README *Accounts and abuse limits*): the same text by the same author
 * once per RATE_LIMIT_REPOST window (everyone); a new user's questions per RATE_LIMIT_NEW_USER_QUESTIONS and
 * answers per RATE_LIMIT_NEW_USER_ANSWERS, and at most NEW_USER_MAX_LINKS links in their answer. A post that
 * fails for any other reason gives its attempts back. RATE_LIMITS=off or POSTING_LIMITS=off switches them off.
 */
export const withPostingLimits = <A, E, R>(posting: Posting, post: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const limits = yield* RateLimitPolicy;
    const policy = yield* PostingPolicy;
    if (!limits.enabled || !policy.enabled) return yield* post;
    // Gates a write: read the primary (a replica may not have a minute-old account yet).
    const author = yield* (yield* UserRepository).findById(posting.authorId).pipe(Effect.provideService(ReadFromPrimary, true));
    if (!author || author.deletedAt !== null) return yield* Effect.fail(UserNotFound);
    const fresh = isNewUser(author, yield* (yield* Clock).now, policy.newUserMs);
    if (fresh && posting.linkText !== undefined) yield* fromDomain(checkLinks(posting.linkText, policy.newUserMaxLinks));
    const limiter = yield* RateLimiter;
    const counted: (readonly [LimitName, string])[] = [];
    const refund = Effect.forEach(counted, ([limit, key]) => limiter.refund(limit, key), { discard: true });
    const repostKey = `${posting.authorId}:${posting.kind}:${repostFingerprint(posting.text)}`;
    const repost = yield* limiter.consume("repost", repostKey);
    if (repost._tag === "Limited") return yield* Effect.fail<DuplicatePost>({ _tag: "DuplicatePost", retryAfterMs: repost.retryAfterMs });
    counted.push(["repost", repostKey]);
    if (fresh && posting.counts !== false) {
      const limit = posting.kind === "question" ? "newUserQuestions" : "newUserAnswers";
      const decision = yield* limiter.consume(limit, posting.authorId);
      if (decision._tag === "Limited") {
        yield* refund;
        return yield* Effect.fail<RateLimited>({ _tag: "RateLimited", limit, retryAfterMs: decision.retryAfterMs });
      }
      counted.push([limit, posting.authorId]);
    }
    return yield* post.pipe(Effect.onExit((exit) => (Exit.isFailure(exit) ? refund : Effect.void)));
  });
