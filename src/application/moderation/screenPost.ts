import { Effect } from "effect";
import { openReview, type PostTarget } from "../../domain/moderation/moderation.js";
import { detectProfanity } from "../../domain/moderation/profanity.js";
import type { UserId } from "../../domain/shared/ids.js";
import { Clock } from "../ports/Clock.js";
import { ModerationRepository } from "../ports/ModerationRepository.js";
import { recordAudit } from "./audit.js";

/**
 * The profanity check of a post just written (asked, answered or edited), inside its unit of work. A match
 * queues the post for review and leaves it published: the check has false positives, so it never hides or
 * refuses on its own (flags by people do hide).
 */
export const screenPost = Effect.fn("screenPost")(function* (target: PostTarget, authorId: UserId, text: string) {
  const categories = detectProfanity(text);
  if (categories.length === 0) return false;
  const now = yield* (yield* Clock).now;
  const opened = yield* (yield* ModerationRepository).openReview(openReview(target, authorId, "profanity", false, null, now));
  if (opened) yield* recordAudit({ actorId: null, action: "queue_profanity", target, detail: { categories: categories.join(",") } });
  return true;
});
