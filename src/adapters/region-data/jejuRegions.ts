import { readFileSync } from "node:fs";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { Region } from "../../domain/region/region.js";

export const REGION_ATTRIBUTION =
  "행정구역 경계: 통계청 SGIS(센서스용 행정구역경계, 2018), 공공누리 제1유형 — via github.com/southkorea/southkorea-maps";

const GEOJSON_PATH = new URL("../../../assets/regions/jeju-regions.geojson", import.meta.url);

type Props = {
  code: string;
  code_mois: string;
  level: "city" | "eup" | "myeon" | "dong";
  name: string;
  name_en: string;
  parent_code: string;
};

/** The seed design's 13 rows, codes, names and centres unchanged. */
const SEED: readonly { code: string; name: string; nameEn: string; type: Region["type"]; center: [number, number]; kostat?: string }[] = [
  { code: "KR", name: "대한민국", nameEn: "South Korea", type: "country", center: [127.766922, 35.907757] },
  {
    code: "KR-49",
    name: "제주특별자치도",
    nameEn: "Jeju Special Self-Governing Province",
    type: "province",
    center: [126.531188, 33.499621],
  },
  { code: "KR-49-01", name: "제주시", nameEn: "Jeju City", type: "city", center: [126.521667, 33.513611], kostat: "39010" },
  { code: "KR-49-02", name: "서귀포시", nameEn: "Seogwipo City", type: "city", center: [126.555, 33.254167], kostat: "39020" },
  { code: "KR-49-01-01", name: "한림읍", nameEn: "Hallim-eup", type: "district", center: [126.266111, 33.414722], kostat: "3901011" },
  { code: "KR-49-01-02", name: "애월읍", nameEn: "Aewol-eup", type: "district", center: [126.331944, 33.464722], kostat: "3901012" },
  { code: "KR-49-01-03", name: "구좌읍", nameEn: "Gujwa-eup", type: "district", center: [126.768056, 33.564167], kostat: "3901013" },
  { code: "KR-49-01-04", name: "조천읍", nameEn: "Jocheon-eup", type: "district", center: [126.654167, 33.551944], kostat: "3901014" },
  { code: "KR-49-02-01", name: "대정읍", nameEn: "Daejeong-eup", type: "district", center: [126.244722, 33.229167], kostat: "3902011" },
  { code: "KR-49-02-02", name: "안덕면", nameEn: "Andeok-myeon", type: "district", center: [126.392778, 33.306944], kostat: "3902031" },
  { code: "KR-49-02-03", name: "표선면", nameEn: "Pyoseon-myeon", type: "district", center: [126.838889, 33.329167], kostat: "3902032" },
  { code: "KR-49-02-04", name: "남원읍", nameEn: "Namwon-eup", type: "district", center: [126.713333, 33.289444], kostat: "3902012" },
  { code: "KR-49-02-05", name: "성산읍", nameEn: "Seongsan-eup", type: "district", center: [126.921944, 33.419444], kostat: "3902013" },
];

/** Eup/myeon the seed left out continue its numbering; dongs take KOSTAT's two-digit suffix (51–69). */
const EXTRA_EUP_MYEON: Record<string, string> = { "3901031": "KR-49-01-05", "3901032": "KR-49-01-06", "3901033": "KR-49-01-07" };

const cityCode = (kostatCity: string) => (kostatCity === "39010" ? "KR-49-01" : "KR-49-02");

export const codeForKostat = (kostat: string): string => {
  const seeded = SEED.find((s) => s.kostat === kostat);
  if (seeded) return seeded.code;
  const extra = EXTRA_EUP_MYEON[kostat];
  if (extra) return extra;
  return `${cityCode(kostat.slice(0, 5))}-${kostat.slice(5)}`;
};

/** A rough centre (mean of the outer ring's vertices) for units the seed gave no centre. */
const ringCentre = (g: Polygon | MultiPolygon): [number, number] => {
  const ring = g.type === "Polygon" ? g.coordinates[0] : g.coordinates[0]?.[0];
  const pts = ring ?? [];
  const sum = pts.reduce<[number, number]>((acc, [x, y]) => [acc[0] + (x ?? 0), acc[1] + (y ?? 0)], [0, 0]);
  return [Number((sum[0] / pts.length).toFixed(6)), Number((sum[1] / pts.length).toFixed(6))];
};

export const buildJejuRegions = (collection: FeatureCollection<Polygon | MultiPolygon, Props>): Region[] => {
  const features = collection.features as Feature<Polygon | MultiPolygon, Props>[];
  const byKostat = new Map(features.map((f) => [f.properties.code, f]));
  const cityPolygons = features
    .filter((f) => f.properties.level === "city")
    .flatMap((f) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates));
  const seeded: Region[] = SEED.map((s): Region => {
    const f = s.kostat ? byKostat.get(s.kostat) : undefined;
    const boundary: Polygon | MultiPolygon | null = f
      ? f.geometry
      : s.code === "KR-49"
        ? { type: "MultiPolygon", coordinates: cityPolygons }
        : null;
    return {
      code: s.code,
      name: s.name,
      nameEn: s.nameEn,
      type: s.type,
      parentCode: s.code === "KR" ? null : s.code.split("-").slice(0, -1).join("-"),
      center: { lng: s.center[0], lat: s.center[1] },
      boundary,
      isActive: true,
      attributes: f ? { codeMois: f.properties.code_mois, kostatCode: f.properties.code, level: f.properties.level } : {},
    };
  });
  const extra: Region[] = features
    .filter((f) => f.properties.level !== "city" && !SEED.some((s) => s.kostat === f.properties.code))
    .map((f) => {
      const [lng, lat] = ringCentre(f.geometry);
      return {
        code: codeForKostat(f.properties.code),
        name: f.properties.name,
        nameEn: f.properties.name_en,
        type: "district",
        parentCode: cityCode(f.properties.parent_code),
        center: { lat, lng },
        boundary: f.geometry,
        isActive: true,
        attributes: { codeMois: f.properties.code_mois, kostatCode: f.properties.code, level: f.properties.level },
      };
    });
  return [...seeded, ...extra].sort((a, b) => (a.code < b.code ? -1 : 1));
};

let cached: Region[] | undefined;
export const loadJejuRegions = (): Region[] => {
  cached ??= buildJejuRegions(JSON.parse(readFileSync(GEOJSON_PATH, "utf8")));
  return cached;
};
