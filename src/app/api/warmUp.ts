import { Duration, Effect } from "effect";
import { RegionRepository } from "../../application/ports/RegionRepository.js";
import { UserId } from "../../domain/shared/ids.js";
import type { AppServices } from "../layers.js";
import { questionInputs } from "./inputs/question.js";
import { questionListAnswer, regionListAnswer, regionStatsAnswer, trendingAnswer } from "./publicReads.js";

/** A list input as the hot path and tRPC key it: parsed by the procedure's schema (its key order), the author branded. */
export const listQueryOf = (input: ReturnType<typeof questionInputs.list.parse>) => ({
  ...input,
  authorId: input?.authorId ? UserId(input.authorId) : undefined,
});

const list = (raw: Record<string, unknown>) => questionListAnswer(listQueryOf(questionInputs.list.parse(raw)));

/**
 * Fills the public cache at start with what the first visitors ask for: the region list, trending (24 h, 7 d),
 * the home page's lists (newest 10, popular 5) for the whole island and each region, each region's page
 * (newest 20) and its counts. Four loads at a time, at most `timeoutMs` in all; a failed load is skipped.
 */
export const warmPublicCache = (timeoutMs = 10_000) =>
  Effect.gen(function* () {
    const catalog = yield* (yield* RegionRepository).catalog;
    const codes = [...catalog.byCode.values()].filter((r) => r.isActive).map((r) => r.code);
    const loads: Effect.Effect<unknown, unknown, AppServices>[] = [
      regionListAnswer(undefined),
      trendingAnswer("24h"),
      trendingAnswer("7d"),
      list({ sort: "newest", limit: 10 }),
      list({ sort: "popular", limit: 5 }),
      ...codes.flatMap((regionCode) => [
        list({ regionCode, sort: "newest", limit: 10 }),
        list({ regionCode, sort: "popular", limit: 5 }),
        list({ regionCode, sort: "newest", limit: 20 }),
        regionStatsAnswer(regionCode),
      ]),
    ];
    let warmed = 0;
    yield* Effect.forEach(loads, (load) => Effect.ignore(Effect.tap(load, () => Effect.sync(() => warmed++))), {
      concurrency: 4,
      discard: true,
    }).pipe(Effect.timeoutOption(Duration.millis(timeoutMs)));
    return { warmed, of: loads.length };
  });
