import { area } from "@turf/area";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { pointToPolygonDistance } from "@turf/point-to-polygon-distance";
import type { MultiPolygon, Polygon } from "geojson";
import type { LatLng } from "../shared/geo.js";

export const REGION_TYPES = ["country", "province", "city", "district", "neighborhood"] as const;
export type RegionType = (typeof REGION_TYPES)[number];

export interface Region {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly type: RegionType;
  readonly parentCode: string | null;
  readonly center: LatLng | null;
  readonly boundary: Polygon | MultiPolygon | null;
  readonly isActive: boolean;
  /** External keys kept from the boundary source (MOIS and KOSTAT codes, admin level). */
  readonly attributes: Readonly<Record<string, string>>;
}

interface Indexed {
  readonly region: Region;
  readonly areaM2: number;
  readonly bbox: readonly [number, number, number, number];
}

export interface RegionCatalog {
  readonly byCode: ReadonlyMap<string, Region>;
  readonly children: ReadonlyMap<string, readonly string[]>;
  readonly bounded: readonly Indexed[];
}

const bboxOf = (g: Polygon | MultiPolygon): [number, number, number, number] => {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const rings = g.type === "Polygon" ? g.coordinates : g.coordinates.flat();
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x === undefined || y === undefined) continue;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  return [minX, minY, maxX, maxY];
};

export const regionCatalog = (regions: readonly Region[]): RegionCatalog => {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const children = new Map<string, string[]>();
  for (const r of regions) {
    if (r.parentCode === null) continue;
    const list = children.get(r.parentCode) ?? [];
    list.push(r.code);
    children.set(r.parentCode, list);
  }
  const bounded = regions
    .filter((r): r is Region & { boundary: Polygon | MultiPolygon } => r.boundary !== null)
    .map((r) => ({ region: r, areaM2: area(r.boundary), bbox: bboxOf(r.boundary) }));
  return { byCode, children, bounded };
};

export const findRegion = (catalog: RegionCatalog, code: string): Region | undefined => catalog.byCode.get(code);

export const activeRegion = (catalog: RegionCatalog, code: string): Region | undefined => {
  const r = catalog.byCode.get(code);
  return r?.isActive ? r : undefined;
};

/** The region and all regions below it, for "this region with its sub-regions" filters. */
export const selfAndDescendants = (catalog: RegionCatalog, code: string): string[] => {
  const out: string[] = [];
  const stack = [code];
  while (stack.length > 0) {
    const c = stack.pop() as string;
    if (!catalog.byCode.has(c) || out.includes(c)) continue;
    out.push(c);
    stack.push(...(catalog.children.get(c) ?? []));
  }
  return out;
};

/** Codes from the region up to the root, the region first. */
export const selfAndAncestors = (catalog: RegionCatalog, code: string): string[] => {
  const out: string[] = [];
  let current = catalog.byCode.get(code);
  while (current && !out.includes(current.code)) {
    out.push(current.code);
    current = current.parentCode === null ? undefined : catalog.byCode.get(current.parentCode);
  }
  return out;
};

export const isWithin = (catalog: RegionCatalog, code: string, ancestorCode: string): boolean =>
  selfAndAncestors(catalog, code).includes(ancestorCode);

/** The smallest active region whose boundary contains the point, or undefined outside every boundary. */
export const locate = (catalog: RegionCatalog, p: LatLng): Region | undefined => {
  let best: Indexed | undefined;
  for (const candidate of catalog.bounded) {
    const [minX, minY, maxX, maxY] = candidate.bbox;
    if (!candidate.region.isActive || p.lng < minX || p.lng > maxX || p.lat < minY || p.lat > maxY) continue;
    if (best && candidate.areaM2 >= best.areaM2) continue;
    if (booleanPointInPolygon([p.lng, p.lat], candidate.region.boundary as Polygon | MultiPolygon)) best = candidate;
  }
  return best?.region;
};

/** Census coastlines are generalised: a beach or a harbour can lie just outside every polygon. */
export const SHORE_TOLERANCE_KM = 1;
const DEG_PER_KM = 1 / 111;

/**
 * `locate`, and for a point outside every boundary, the nearest district (a region with no
 * sub-regions) within SHORE_TOLERANCE_KM, so a question pinned on the beach still has its village.
 */
export const locateNear = (catalog: RegionCatalog, p: LatLng): Region | undefined => {
  const inside = locate(catalog, p);
  if (inside) return inside;
  const margin = SHORE_TOLERANCE_KM * DEG_PER_KM * 1.5;
  let best: { region: Region; km: number } | undefined;
  for (const candidate of catalog.bounded) {
    const r = candidate.region;
    const [minX, minY, maxX, maxY] = candidate.bbox;
    if (!r.isActive || (catalog.children.get(r.code)?.length ?? 0) > 0) continue;
    if (p.lng < minX - margin || p.lng > maxX + margin || p.lat < minY - margin || p.lat > maxY + margin) continue;
    const km = pointToPolygonDistance([p.lng, p.lat], r.boundary as Polygon | MultiPolygon, { units: "kilometers" });
    if (km <= SHORE_TOLERANCE_KM && (!best || km < best.km)) best = { region: r, km };
  }
  return best?.region;
};
