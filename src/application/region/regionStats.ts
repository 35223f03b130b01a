import { Effect } from "effect";
import { activeRegion, selfAndDescendants } from "../../domain/region/region.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { RegionStats } from "../ports/RegionStats.js";

/** A region's listed questions and its users, its subregions included, counted by the store (the source of truth). */
export const regionStats = Effect.fn("regionStats")(function* (regionCode: string) {
  const catalog = yield* (yield* RegionRepository).catalog;
  if (!activeRegion(catalog, regionCode)) return yield* Effect.fail({ _tag: "RegionNotFound" as const, code: regionCode });
  const counts = yield* (yield* RegionStats).count(selfAndDescendants(catalog, regionCode));
  return { regionCode, questionCount: counts.questions, userCount: counts.users };
});
