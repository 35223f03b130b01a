import { Effect } from "effect";
import { activeRegion } from "../../domain/region/region.js";
import { normalizeText } from "../../domain/search/koreanText.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { SearchIndex } from "../ports/SearchIndex.js";

export const suggestTitles = Effect.fn("suggestTitles")(function* (prefix: string, size = 8, regionCode?: string) {
  const p = normalizeText(prefix);
  if (p.length === 0) return { suggestions: [] as readonly string[], degraded: false };
  if (regionCode !== undefined && !activeRegion(yield* (yield* RegionRepository).catalog, regionCode))
    return yield* Effect.fail({ _tag: "RegionNotFound" as const, code: regionCode });
  const found = yield* (yield* SearchIndex).suggest(p, size, regionCode);
  return { suggestions: found.titles, degraded: found.degraded === true };
});
