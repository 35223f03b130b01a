import { Effect } from "effect";
import { locateNear } from "../../domain/region/region.js";
import type { LatLng } from "../../domain/shared/geo.js";
import { RegionRepository } from "../ports/RegionRepository.js";

export const locateRegion = Effect.fn("locateRegion")(function* (point: LatLng) {
  const catalog = yield* (yield* RegionRepository).catalog;
  return locateNear(catalog, point) ?? null;
});
