import { fc, test } from "@fast-check/vitest";
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import { pointToPolygonDistance } from "@turf/point-to-polygon-distance";
import { describe, expect } from "vitest";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import {
  locate,
  locateNear,
  regionCatalog,
  SHORE_TOLERANCE_KM,
  selfAndAncestors,
  selfAndDescendants,
} from "../../src/domain/region/region.js";
import { distanceKm } from "../../src/domain/shared/geo.js";
import { jejuCatalog } from "../support/builders.js";

const jejuPoint = fc.record({
  lat: fc.double({ min: 33.1, max: 33.6, noNaN: true }),
  lng: fc.double({ min: 126.1, max: 127.0, noNaN: true }),
});

describe("regions", () => {
  test("keeps the seed's 13 codes and adds every eup/myeon/dong of the boundary data", () => {
    const codes = loadJejuRegions().map((r) => r.code);
    for (const seed of ["KR", "KR-49", "KR-49-01", "KR-49-02", "KR-49-01-01", "KR-49-01-04", "KR-49-02-01", "KR-49-02-05"])
      expect(codes).toContain(seed);
    expect(codes.length).toBe(13 + 43 - 9);
    expect(jejuCatalog.byCode.get("KR-49-01-06")?.attributes.codeMois).toBe("5011032000");
  });

  test.each([
    ["제주국제공항", 33.5104, 126.4914, "용담2동"],
    ["성산일출봉", 33.4581, 126.9425, "성산읍"],
    ["우도", 33.5065, 126.9532, "우도면"],
    ["협재해수욕장", 33.394, 126.2396, "한림읍"],
    ["함덕해수욕장", 33.543, 126.669, "조천읍"],
    ["마라도", 33.1175, 126.2672, "대정읍"],
    ["추자도", 33.9551, 126.2996, "추자면"],
    ["제주시청", 33.4996, 126.5312, "이도2동"],
  ])("locates %s in %s", (_place, lat, lng, name) => {
    expect(locate(jejuCatalog, { lat, lng })?.name).toBe(name);
  });

  test("locates nothing at sea or on the mainland", () => {
    expect(locate(jejuCatalog, { lat: 33.0, lng: 126.5 })).toBeUndefined();
    expect(locate(jejuCatalog, { lat: 37.5665, lng: 126.978 })).toBeUndefined();
  });

  test.prop([jejuPoint], { numRuns: 200 })("assigns a point to the smallest active region containing it", (p) => {
    const found = locate(jejuCatalog, p);
    const containing = jejuCatalog.bounded.filter(
      (b) => b.region.isActive && booleanPointInPolygon([p.lng, p.lat], b.region.boundary as never),
    );
    if (!found) {
      expect(containing).toEqual([]);
      return;
    }
    const mine = containing.find((c) => c.region.code === found.code);
    expect(mine).toBeDefined();
    for (const c of containing) expect(c.areaM2).toBeGreaterThanOrEqual(mine?.areaM2 ?? 0);
    // the answer sits below every other region that contains the point
    for (const c of containing) expect(selfAndAncestors(jejuCatalog, found.code)).toContain(c.region.code);
  });

  test.each([
    ["월정리해변", 33.5565, 126.7958, "구좌읍"],
    ["김녕해수욕장", 33.5577, 126.7594, "구좌읍"],
    ["용두암", 33.5163, 126.5119, "용담2동"],
    ["모슬포항", 33.2144, 126.2503, "대정읍"],
  ])("%s lies outside the generalised coastline but within the shore tolerance of %s", (_place, lat, lng, name) => {
    expect(locate(jejuCatalog, { lat, lng })).toBeUndefined();
    expect(locateNear(jejuCatalog, { lat, lng })?.name).toBe(name);
  });

  test.prop([jejuPoint], { numRuns: 100 })(
    "locateNear agrees with locate inside a boundary, and otherwise stays within the tolerance",
    (p) => {
      const strict = locate(jejuCatalog, p);
      const near = locateNear(jejuCatalog, p);
      if (strict) expect(near).toBe(strict);
      else if (near) {
        const km = pointToPolygonDistance([p.lng, p.lat], near.boundary as never, { units: "kilometers" });
        expect(km).toBeLessThanOrEqual(SHORE_TOLERANCE_KM);
        expect(jejuCatalog.children.get(near.code) ?? []).toEqual([]);
      }
    },
  );

  test("open sea stays unassigned", () => {
    expect(locateNear(jejuCatalog, { lat: 33.0, lng: 126.5 })).toBeUndefined();
  });

  test("skips inactive regions", () => {
    const regions = loadJejuRegions().map((r) => (r.code === "KR-49-01-58" ? { ...r, isActive: false } : r));
    expect(locate(regionCatalog(regions), { lat: 33.5104, lng: 126.4914 })?.code).toBe("KR-49-01");
  });

  test.prop([fc.constantFrom(...loadJejuRegions().map((r) => r.code))])(
    "hierarchy: a region is among the descendants of each of its ancestors",
    (code) => {
      for (const ancestor of selfAndAncestors(jejuCatalog, code)) expect(selfAndDescendants(jejuCatalog, ancestor)).toContain(code);
      expect(selfAndAncestors(jejuCatalog, code).at(-1)).toBe("KR");
    },
  );

  test.prop([jejuPoint, jejuPoint, jejuPoint])("distance is a metric", (a, b, c) => {
    expect(distanceKm(a, a)).toBeCloseTo(0, 9);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
    expect(distanceKm(a, c)).toBeLessThanOrEqual(distanceKm(a, b) + distanceKm(b, c) + 1e-9);
  });

  test("distance: Jeju airport to Seongsan Ilchulbong is about 43 km", () => {
    expect(distanceKm({ lat: 33.5104, lng: 126.4914 }, { lat: 33.4581, lng: 126.9425 })).toBeGreaterThan(41);
    expect(distanceKm({ lat: 33.5104, lng: 126.4914 }, { lat: 33.4581, lng: 126.9425 })).toBeLessThan(44);
  });
});
