import { Effect, Layer } from "effect";
import { RegionRepository } from "../../application/ports/RegionRepository.js";
import { SearchIndex, type SearchPage, type SearchRequest, similarSearch } from "../../application/ports/SearchIndex.js";
import { sortKey } from "../../domain/question/ordering.js";
import { isListed, type Question } from "../../domain/question/question.js";
import { isWithin } from "../../domain/region/region.js";
import { matchDocument, searchDocument } from "../../domain/search/document.js";
import { choseongOf, normalizeText } from "../../domain/search/koreanText.js";
import { countKeys, facetsOf } from "../../domain/search/results.js";
import { distanceKm } from "../../domain/shared/geo.js";
import type { UserId } from "../../domain/shared/ids.js";
import { isLocalVerified, type User } from "../../domain/user/user.js";
import { InMemoryStore } from "./InMemoryStore.js";
import { QUESTIONS, USERS } from "./sharedTables.js";

const ORDER = {
  newest: "newest",
  oldest: "oldest",
  popular: "popular",
  most_answers: "most_answers",
  most_views: "most_views",
  urgent: "urgent",
} as const;

const search = (questions: ReadonlyMap<string, Question>, users: ReadonlyMap<UserId, User>, r: SearchRequest): SearchPage => {
  const matched: { question: Question; score: number; distanceKm: number | null }[] = [];
  for (const q of questions.values()) {
    if (!isListed(q)) continue;
    const f = r.filters;
    const author = users.get(q.authorId);
    if (f.regionCodes && !f.regionCodes.includes(q.regionCode)) continue;
    if (f.category && q.category !== f.category) continue;
    if (f.hashtags && !q.hashtags.some((h) => f.hashtags?.includes(h))) continue;
    if (f.urgency && q.urgency !== f.urgency) continue;
    if (f.hasAnswers !== undefined && f.hasAnswers !== q.answerCount > 0) continue;
    if (f.localOnly && !(author && isLocalVerified(author))) continue;
    if (f.dateFrom && q.createdAt < f.dateFrom) continue;
    if (f.dateTo && q.createdAt > f.dateTo) continue;
    if (f.statuses && !f.statuses.includes(q.status as never)) continue;
    let distance: number | null = null;
    if (r.near) {
      if (!q.location) continue;
      distance = distanceKm(r.near.center, q.location);
      if (distance > r.near.radiusKm) continue;
    }
    const mode = r.allowTypos ? "typos" : r.relaxed ? "relaxed" : "strict";
    const score = matchDocument(searchDocument(q, author?.nickname ?? ""), r.query, mode, r.atLeast);
    if (score === undefined) continue;
    matched.push({ question: q, score, distanceKm: distance });
  }
  const ordered = [...matched].sort((a, b) => {
    if (r.sort === "relevance")
      return (
        b.score - a.score || b.question.createdAt.getTime() - a.question.createdAt.getTime() || (a.question.id < b.question.id ? -1 : 1)
      );
    const [ka, kb] = [sortKey(a.question, ORDER[r.sort]), sortKey(b.question, ORDER[r.sort])];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number | string) < (kb[i] as number | string) ? -1 : 1;
    return 0;
  });
  return {
    hits: ordered.slice(r.offset, r.offset + r.limit),
    total: matched.length,
    facets: facetsOf(matched.map((m) => m.question)),
  };
};

export const InMemorySearchIndex = Layer.effect(
  SearchIndex,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const regions = yield* (yield* RegionRepository).catalog;
    return {
      search: (r) => Effect.sync(() => search(store.get(QUESTIONS), store.get(USERS), r)),
      suggest: (prefix, size, regionCode) =>
        Effect.sync(() => {
          const inRegion = (q: Question) => regionCode === undefined || isWithin(regions, q.regionCode, regionCode);
          const p = prefix.replace(/\s+/gu, "");
          const titles = [...store.get(QUESTIONS).values()]
            .filter(
              (q) =>
                isListed(q) &&
                inRegion(q) &&
                (normalizeText(q.title).startsWith(prefix) || choseongOf(q.title).replace(/\s+/gu, "").startsWith(p)),
            )
            .sort((a, b) => (sortKey(a, "popular")[0] as number) - (sortKey(b, "popular")[0] as number))
            .slice(0, size)
            .map((q) => q.title);
          return { titles };
        }),
      similar: (r) =>
        Effect.sync(() => ({ questions: search(store.get(QUESTIONS), store.get(USERS), similarSearch(r)).hits.map((h) => h.question) })),
      categoryCountsSince: (since) =>
        Effect.sync(() => ({
          counts: countKeys([...store.get(QUESTIONS).values()].filter((q) => isListed(q) && q.createdAt >= since).map((q) => q.category)),
        })),
    };
  }),
);
