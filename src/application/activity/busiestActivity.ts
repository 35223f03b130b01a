import { Effect } from "effect";
import { activityRegions } from "../../domain/activity/regions.js";
import { tallyActivity, windowStart } from "../../domain/activity/window.js";
import type { TrendingRange } from "../../domain/hashtag/trending.js";
import { ActivityCounters, ActivityHistory } from "../ports/ActivityCounters.js";
import { Clock } from "../ports/Clock.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { rebuildActivity } from "./rebuildActivity.js";

/**
 * The window's busiest hashtags and regions from the counters, rebuilt first if they are empty. While
 * another instance rebuilds them, or when their store cannot answer, PostgreSQL counts the window's
 * questions instead (the same buckets; `degraded: true`).
 */
export const busiestActivity = Effect.fn("busiestActivity")(function* (range: TrendingRange, limit: number) {
  const counters = yield* ActivityCounters;
  const now = yield* (yield* Clock).now;
  const fromHistory = Effect.gen(function* () {
    const catalog = yield* (yield* RegionRepository).catalog;
    const asked = yield* (yield* ActivityHistory).askedSince(windowStart(range, now));
    const expanded = asked.map((q) => ({ ...q, regionCodes: activityRegions(catalog, q.regionCode) }));
    return { ...tallyActivity(expanded, range, now, limit), degraded: true };
  });
  const rebuild = yield* rebuildActivity().pipe(
    Effect.catchTag("ActivityUnavailable", () => Effect.succeed({ state: "unavailable" as const })),
  );
  if (rebuild.state === "busy") return yield* fromHistory;
  return yield* counters.top(range, now, limit).pipe(
    Effect.map((top) => ({ ...top, degraded: top.degraded === true })),
    Effect.catchTag("ActivityUnavailable", () => fromHistory),
  );
});
