import { Effect } from "effect";
import type { QuestionId } from "../../domain/shared/ids.js";
import { type EventConsumer, EventLog } from "../ports/EventLog.js";
import { PublicCache } from "../ports/PublicCache.js";

/** The event consumer that drops cached public answers a change made stale. */
export const CACHE_CONSUMER = "cache";
export const cacheConsumer: EventConsumer = {
  name: CACHE_CONSUMER,
  wants: ["QuestionChanged", "AnswerChanged", "AuthorChanged", "NotificationCreated"],
};

/** The cached question page (question, answers, authors) for anonymous readers. */
export const questionViewKey = (id: QuestionId | string) => `question:view:${id}`;
/** A user's public profile with badges (`user.get`). */
export const userProfileKey = (userId: string) => `user:profile:${userId}`;
/** A user's unread notification count: private, so one key per user, never served to anyone else. */
export const notificationCountKey = (userId: string) => `notifications:count:${userId}`;
/** First pages of question lists, one key per query (`questions:list:{hash}`), dropped together. */
export const QUESTION_LISTS = "questions:list";
/** Each region's counts (`region:stats:{code}`), dropped together when a question changes (it may move a count). */
export const REGION_STATS = "region:stats";
/** Trending (`trending:hashtags:{24h|7d}`), dropped when a question's text (its hashtags) was written. */
export const TRENDING = "trending:hashtags";

/**
 * Takes one batch of the cache consumer's events and drops what they make stale: the question's page,
 * and every cached list page (any change of a question may move it in a list). An author's change
 * (nickname) drops the lists; their question pages follow within their TTL. Acknowledged after the drop has
 * been published to every instance; else it fails and the batch comes again.
 */
export const invalidateCaches = Effect.fn("invalidateCaches")(function* (batchSize = 500) {
  const log = yield* EventLog;
  const events = yield* log.pending(CACHE_CONSUMER, batchSize);
  if (events.length === 0) return 0;
  const keys = new Set<string>();
  const groups = new Set<string>([QUESTION_LISTS]);
  for (const { event } of events)
    if (event._tag === "QuestionChanged") {
      groups.add(REGION_STATS);
      if (event.text) groups.add(TRENDING);
    }
  for (const { event } of events)
    if (event._tag === "QuestionChanged" || event._tag === "AnswerChanged") keys.add(questionViewKey(event.questionId));
    else if (event._tag === "AuthorChanged") keys.add(userProfileKey(event.userId));
    else if (event._tag === "NotificationCreated") keys.add(notificationCountKey(event.notification.userId));
  // Not told to every instance (Redis unreachable): left unacknowledged, so the dispatcher delivers the batch again.
  if (!(yield* (yield* PublicCache).invalidate([...keys], [...groups])))
    return yield* Effect.fail({ _tag: "CacheInvalidationNotPublished" as const, events: events.length });
  yield* log.acknowledge(
    CACHE_CONSUMER,
    events.map((e) => e.id),
  );
  return events.length;
});
