import { Effect } from "effect";
import { TRENDING_WINDOW_HOURS, type TrendingRange, trendingTags } from "../../domain/hashtag/trending.js";
import { CATEGORY_LABELS, isCategory } from "../../domain/question/category.js";
import { Clock } from "../ports/Clock.js";
import { HashtagRepository } from "../ports/HashtagRepository.js";
import { SearchIndex } from "../ports/SearchIndex.js";

/** The most used hashtags and the busiest categories in the last 24 hours or 7 days; `degraded` when a stand-in counted the categories. */
export const trendingKeywords = Effect.fn("trendingKeywords")(function* (range: TrendingRange = "24h", limit = 10) {
  const now = yield* (yield* Clock).now;
  const since = new Date(now.getTime() - TRENDING_WINDOW_HOURS[range] * 3_600_000);
  const uses = yield* (yield* HashtagRepository).usesSince(since);
  const tags = trendingTags(uses, now, range, limit).map((t) => ({ keyword: t.tag, count: t.count, type: "hashtag" as const }));
  const counted = yield* (yield* SearchIndex).categoryCountsSince(since);
  const categories = counted.counts
    .filter((c) => isCategory(c.key))
    .map((c) => ({
      keyword: isCategory(c.key) ? CATEGORY_LABELS[c.key].ko : c.key,
      category: c.key,
      count: c.count,
      type: "category" as const,
    }));
  return { range, keywords: [...tags, ...categories.slice(0, limit)], degraded: counted.degraded === true };
});
