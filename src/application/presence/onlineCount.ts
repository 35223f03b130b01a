import { Effect } from "effect";
import { activeRegion } from "../../domain/region/region.js";
import { Clock } from "../ports/Clock.js";
import { Presence } from "../ports/Presence.js";
import { RegionRepository } from "../ports/RegionRepository.js";

/** Signed-in users seen in the region (its subregions included) within the online window. */
export const onlineCount = Effect.fn("onlineCount")(function* (regionCode: string) {
  const catalog = yield* (yield* RegionRepository).catalog;
  if (!activeRegion(catalog, regionCode)) return yield* Effect.fail({ _tag: "RegionNotFound" as const, code: regionCode });
  const online = yield* (yield* Presence).onlineCount(regionCode, yield* (yield* Clock).now);
  return { regionCode, online };
});
