import { Effect } from "effect";
import { activeRegion } from "../../domain/region/region.js";
import { type Draft, draftQuery, rankSimilar, SIMILAR_CANDIDATES } from "../../domain/search/similar.js";
import { Clock } from "../ports/Clock.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { SearchIndex } from "../ports/SearchIndex.js";

/**
 * Similar questions while asking: up to five open or answered questions ranked by text similarity,
 * distance and recency, and the near-duplicate among them (the same place, the last hours), if any.
 * Asking is never blocked: the ask form shows these before the user posts.
 */
export const similarQuestions = Effect.fn("similarQuestions")(function* (draft: Draft) {
  if (draft.regionCode !== undefined) {
    const catalog = yield* (yield* RegionRepository).catalog;
    if (!activeRegion(catalog, draft.regionCode)) return yield* Effect.fail({ _tag: "RegionNotFound" as const, code: draft.regionCode });
  }
  const query = draftQuery(draft);
  if (query.kind !== "terms") return { questions: [], nearDuplicate: null, degraded: false };
  const found = yield* (yield* SearchIndex).similar({ query, limit: SIMILAR_CANDIDATES });
  const questions = rankSimilar(draft, found.questions, yield* (yield* Clock).now);
  return { questions, nearDuplicate: questions.find((q) => q.nearDuplicate) ?? null, degraded: found.degraded === true };
});
