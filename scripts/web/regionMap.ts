import { readFileSync } from "node:fs";
import type { MultiPolygon, Polygon, Position } from "geojson";
import { buildJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import type { RegionMapData } from "../../src/app/web/client/regionMapData.js";

/**
 * The web app's region map, drawn from assets/regions at build time: every eup/myeon/dong (and the two
 * cities' outlines) as an SVG path in a fixed projection, simplified to about a pixel, so the browser
 * gets ~40 KB of paths instead of the 450 KB GeoJSON and needs no map tiles.
 */
const GEOJSON = new URL("../../assets/regions/jeju-regions.geojson", import.meta.url);
/** 추자면 lies 45 km north of the main island: drawn as an inset in the top-left corner. */
const INSET_CODE_NAME = "추자면";
const WIDTH = 1000;
const PAD = 8;

/** Douglas–Peucker on projected points (pixels). */
const simplify = (pts: readonly [number, number][], tolerance: number): [number, number][] => {
  if (pts.length <= 3) return [...pts];
  const keep = new Uint8Array(pts.length);
  keep[0] = 1;
  keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    const [ax, ay] = pts[a] as [number, number];
    const [bx, by] = pts[b] as [number, number];
    const len = Math.hypot(bx - ax, by - ay) || 1;
    let worst = -1;
    let worstD = tolerance;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = pts[i] as [number, number];
      const d = Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / len;
      if (d > worstD) {
        worst = i;
        worstD = d;
      }
    }
    if (worst > 0) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  return pts.filter((_, i) => keep[i] === 1);
};

/** A closed ring starts and ends on one point, which Douglas–Peucker cannot split: cut it at its farthest point. */
const simplifyRing = (ring: readonly [number, number][], tolerance: number): [number, number][] => {
  const [x0, y0] = ring[0] ?? [0, 0];
  let far = 0;
  ring.forEach(([x, y], i) => {
    const [fx, fy] = ring[far] ?? [0, 0];
    if (Math.hypot(x - x0, y - y0) > Math.hypot(fx - x0, fy - y0)) far = i;
  });
  return [...simplify(ring.slice(0, far + 1), tolerance), ...simplify(ring.slice(far), tolerance).slice(1)];
};

const rings = (g: Polygon | MultiPolygon): Position[][] => (g.type === "Polygon" ? g.coordinates : g.coordinates.flat());

export const buildRegionMap = (): RegionMapData => {
  const regions = buildJejuRegions(JSON.parse(readFileSync(GEOJSON, "utf8")));
  const drawn = regions.filter((r) => r.boundary && (r.type === "district" || r.type === "city"));
  const inset = drawn.find((r) => r.name === INSET_CODE_NAME);
  // The main island's extent (without the inset) sets the projection.
  let minLng = Infinity;
  let maxLng = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const r of drawn)
    if (r.type === "district" && r !== inset)
      for (const ring of rings(r.boundary as Polygon))
        for (const [lng, lat] of ring as [number, number][]) {
          minLng = Math.min(minLng, lng);
          maxLng = Math.max(maxLng, lng);
          minLat = Math.min(minLat, lat);
          maxLat = Math.max(maxLat, lat);
        }
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const scale = (WIDTH - 2 * PAD) / ((maxLng - minLng) * kx);
  const height = Math.ceil((maxLat - minLat) * scale + 2 * PAD);
  const projection = { minLng, maxLat, kx, scale, pad: PAD };
  // The inset keeps the same scale, moved next to the top-left corner.
  let insetShift: [number, number] = [0, 0];
  if (inset?.boundary) {
    const pts = rings(inset.boundary).flat() as [number, number][];
    const x0 = Math.min(...pts.map(([lng]) => (lng - minLng) * kx * scale + PAD));
    const y0 = Math.min(...pts.map(([, lat]) => (maxLat - lat) * scale + PAD));
    insetShift = [PAD * 2 - x0, PAD * 2 - y0];
  }
  const project = (r: (typeof drawn)[number], [lng, lat]: [number, number]): [number, number] => {
    const shift = r === inset ? insetShift : [0, 0];
    return [
      Math.round(((lng - minLng) * kx * scale + PAD + (shift[0] ?? 0)) * 10) / 10,
      Math.round(((maxLat - lat) * scale + PAD + (shift[1] ?? 0)) * 10) / 10,
    ];
  };
  const pathOf = (r: (typeof drawn)[number]) =>
    rings(r.boundary as Polygon)
      .map((ring) =>
        simplifyRing(
          (ring as [number, number][]).map((p) => project(r, p)),
          0.6,
        ),
      )
      .filter((ring) => ring.length >= 4)
      .map((ring) => `M${ring.map(([x, y]) => `${x} ${y}`).join("L")}Z`)
      .join("");
  return {
    width: WIDTH,
    height,
    projection,
    inset: inset ? { code: inset.code, shift: insetShift } : null,
    regions: regions
      .filter((r) => r.type !== "country")
      .map((r) => ({
        code: r.code,
        name: r.name,
        nameEn: r.nameEn,
        type: r.type,
        parentCode: r.parentCode,
        center: r.center,
        path: drawn.includes(r) ? pathOf(r) : null,
      })),
  };
};
