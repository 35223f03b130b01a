import { Effect } from "effect";
import type { TrendingRange } from "../../domain/hashtag/trending.js";
import { TRENDING_WINDOW_HOURS } from "../../domain/hashtag/trending.js";
import { CATEGORY_LABELS, isCategory } from "../../domain/question/category.js";
import { findRegion } from "../../domain/region/region.js";
import { busiestActivity } from "../activity/busiestActivity.js";
import { Clock } from "../ports/Clock.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { SearchIndex } from "../ports/SearchIndex.js";

/**
 * The most used hashtags and the busiest categories and regions in the last 24 hours or 7 days. Hashtags
 * and regions come from the activity counters (bucketed windows, see src/domain/activity/window.ts),
 * categories from the search index; `degraded` when a stand-in counted either.
 */
export const trendingKeywords = Effect.fn("trendingKeywords")(function* (range: TrendingRange = "24h", limit = 10) {
  const now = yield* (yield* Clock).now;
  const since = new Date(now.getTime() - TRENDING_WINDOW_HOURS[range] * 3_600_000);
  const activity = yield* busiestActivity(range, limit);
  const tags = activity.hashtags.map((t) => ({ keyword: t.key, count: t.count, type: "hashtag" as const }));
  const counted = yield* (yield* SearchIndex).categoryCountsSince(since);
  const categories = counted.counts
    .filter((c) => isCategory(c.key))
    .map((c) => ({
      keyword: isCategory(c.key) ? CATEGORY_LABELS[c.key].ko : c.key,
      category: c.key,
      count: c.count,
      type: "category" as const,
    }));
  const catalog = yield* (yield* RegionRepository).catalog;
  const regions = activity.regions.map((r) => ({ regionCode: r.key, name: findRegion(catalog, r.key)?.name ?? r.key, questions: r.count }));
  return {
    range,
    keywords: [...tags, ...categories.slice(0, limit)],
    regions,
    degraded: counted.degraded === true || activity.degraded,
  };
});
