import { Effect } from "effect";
import { activityRegions } from "../../domain/activity/regions.js";
import { TRENDING } from "../cache/invalidateCaches.js";
import { ActivityCounters } from "../ports/ActivityCounters.js";
import { type EventConsumer, EventLog } from "../ports/EventLog.js";
import { PublicCache } from "../ports/PublicCache.js";
import { RegionRepository } from "../ports/RegionRepository.js";

/** The event consumer that feeds the activity counters (trending hashtags and busiest regions). */
export const ACTIVITY_CONSUMER = "activity";
export const activityConsumer: EventConsumer = { name: ACTIVITY_CONSUMER, wants: ["QuestionChanged"] };

/**
 * Takes one batch of the activity consumer's events and counts each question just asked (an edit, a status
 * change, a rewrite on account deletion carry no `asked` and count nothing) in its hashtags, its region and
 * the region's ancestors. At least once delivery is harmless: the counters count a question once. When the
 * counters' store fails the batch fails, unacknowledged, and the dispatcher retries it.
 */
export const countActivity = Effect.fn("countActivity")(function* (batchSize = 500) {
  const log = yield* EventLog;
  const events = yield* log.pending(ACTIVITY_CONSUMER, batchSize);
  if (events.length === 0) return 0;
  const catalog = yield* (yield* RegionRepository).catalog;
  const counters = yield* ActivityCounters;
  let counted = 0;
  for (const { event } of events)
    if (event._tag === "QuestionChanged" && event.asked)
      if (
        yield* counters.record({
          questionId: event.questionId,
          hashtags: event.text?.hashtags ?? [],
          regionCodes: activityRegions(catalog, event.asked.regionCode),
          at: new Date(event.asked.at),
        })
      )
        counted++;
  // Trending cached before these counts would hide them for its TTL: drop it now they are in.
  if (counted > 0) yield* (yield* PublicCache).invalidate([], [TRENDING]);
  yield* log.acknowledge(
    ACTIVITY_CONSUMER,
    events.map((e) => e.id),
  );
  return events.length;
});
