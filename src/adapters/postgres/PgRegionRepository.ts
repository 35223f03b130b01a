import { Effect, Layer } from "effect";
import type { MultiPolygon, Polygon } from "geojson";
import { RegionRepository } from "../../application/ports/RegionRepository.js";
import { type Region, type RegionType, regionCatalog } from "../../domain/region/region.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

interface RegionRow {
  code: string;
  name: string;
  name_en: string;
  parent_code: string | null;
  region_type: RegionType;
  boundary: Polygon | MultiPolygon | null;
  center_lat: number | null;
  center_lng: number | null;
  attributes: Record<string, string>;
  is_active: boolean;
}

/** Regions are reference data: read once at start into a catalog with areas and bounding boxes. */
export const PgRegionRepository = Layer.effect(
  RegionRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    const rows = yield* sql.rows<RegionRow>(
      "SELECT code, name, name_en, parent_code, region_type, boundary, center_lat, center_lng, attributes, is_active FROM regions",
    );
    const regions: Region[] = rows.map((r) => ({
      code: r.code,
      name: r.name,
      nameEn: r.name_en,
      type: r.region_type,
      parentCode: r.parent_code,
      center: r.center_lat === null || r.center_lng === null ? null : { lat: r.center_lat, lng: r.center_lng },
      boundary: r.boundary,
      isActive: r.is_active,
      attributes: r.attributes,
    }));
    const catalog = regionCatalog(regions);
    return { catalog: Effect.succeed(catalog) };
  }),
);
