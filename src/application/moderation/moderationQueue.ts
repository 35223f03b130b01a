import { Effect } from "effect";
import type { Review } from "../../domain/moderation/moderation.js";
import { AnswerId, QuestionId, type UserId } from "../../domain/shared/ids.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { ModerationRepository } from "../ports/ModerationRepository.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { decodeCursor, encodeCursor } from "../shared/cursor.js";
import { requireModerator } from "./actor.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isQueueKey = (v: unknown): v is { o: number; t: string } =>
  typeof v === "object" &&
  v !== null &&
  Number.isSafeInteger((v as { o?: unknown }).o) &&
  typeof (v as { t?: unknown }).t === "string" &&
  UUID.test((v as { t: string }).t);

export interface QueueItem {
  readonly review: Review;
  readonly flagCount: number;
  /** The question the post is (or is under), to link to. */
  readonly questionId: string;
  /** The post's text as it is now (a question's title and content). */
  readonly text: string;
}

/** Posts waiting for a moderator, oldest first, a page at a time. Moderators only. */
export const moderationQueue = Effect.fn("moderationQueue")(function* (actorId: UserId, limit: number, cursor?: string) {
  yield* requireModerator(actorId);
  const moderation = yield* ModerationRepository;
  const key = yield* decodeCursor(cursor, isQueueKey);
  const reviews = yield* moderation.pending({ limit, ...(key ? { after: { openedAt: new Date(key.o), id: key.t } } : {}) });
  const items: QueueItem[] = [];
  for (const review of reviews) {
    const flagCount = yield* moderation.countFlags(review.target);
    if (review.target.type === "question") {
      const q = yield* (yield* QuestionRepository).findById(QuestionId(review.target.id));
      items.push({ review, flagCount, questionId: review.target.id, text: q ? `${q.title}\n${q.content}` : "" });
    } else {
      const a = yield* (yield* AnswerRepository).findById(AnswerId(review.target.id));
      items.push({ review, flagCount, questionId: a?.questionId ?? "", text: a?.content ?? "" });
    }
  }
  const last = reviews.at(-1);
  return { items, nextCursor: reviews.length === limit && last ? encodeCursor({ o: last.openedAt.getTime(), t: last.target.id }) : null };
});
