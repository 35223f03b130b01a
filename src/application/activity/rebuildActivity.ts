import { Effect } from "effect";
import { activityRegions } from "../../domain/activity/regions.js";
import { windowStart } from "../../domain/activity/window.js";
import { ActivityCounters, ActivityHistory } from "../ports/ActivityCounters.js";
import { Clock } from "../ports/Clock.js";
import { RegionRepository } from "../ports/RegionRepository.js";

/**
 * Fills empty activity counters (a new deployment, a Redis restart) from PostgreSQL once: the questions of
 * the longest window (7 d). The counters' marker says it was done; their lock lets one instance do it while
 * the others wait ("busy"). Questions the consumer counted meanwhile are not counted again (see
 * ActivityCounters.record). Fails with ActivityUnavailable when the store does.
 */
export const rebuildActivity = Effect.fn("rebuildActivity")(function* () {
  const counters = yield* ActivityCounters;
  const claim = yield* counters.claimRebuild;
  if (claim !== "claimed") return { state: claim, counted: 0 };
  const now = yield* (yield* Clock).now;
  const catalog = yield* (yield* RegionRepository).catalog;
  const asked = yield* (yield* ActivityHistory).askedSince(windowStart("7d", now));
  const counted = yield* Effect.forEach(
    asked,
    (q) =>
      counters.record({ questionId: q.questionId, hashtags: q.hashtags, regionCodes: activityRegions(catalog, q.regionCode), at: q.at }),
    { concurrency: 8 },
  );
  yield* counters.finishRebuild;
  return { state: "rebuilt" as const, counted: counted.filter(Boolean).length };
});
