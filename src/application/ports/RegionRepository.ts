import { Context, type Effect } from "effect";
import type { RegionCatalog } from "../../domain/region/region.js";

export class RegionRepository extends Context.Service<RegionRepository, { readonly catalog: Effect.Effect<RegionCatalog> }>()(
  "dongne/RegionRepository",
) {}
