import { Effect, Layer } from "effect";
import { RegionRepository } from "../../application/ports/RegionRepository.js";
import { type Region, regionCatalog } from "../../domain/region/region.js";

/** Regions are reference data: built into a catalog (with areas and bounding boxes) once. */
export const InMemoryRegionRepository = (regions: readonly Region[]) =>
  Layer.sync(RegionRepository, () => {
    const catalog = regionCatalog(regions);
    return { catalog: Effect.succeed(catalog) };
  });
