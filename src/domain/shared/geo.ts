import { err, ok, type Result } from "neverthrow";

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** Jeju Island with its outlying islands (마라도 in the south, 추자도 in the north). */
export const SERVICE_AREA = { minLat: 32.9, maxLat: 34.1, minLng: 125.9, maxLng: 127.1 } as const;

export type LocationOutsideServiceArea = { readonly _tag: "LocationOutsideServiceArea"; readonly lat: number; readonly lng: number };

export const inServiceArea = (p: LatLng): Result<LatLng, LocationOutsideServiceArea> =>
  Number.isFinite(p.lat) &&
  Number.isFinite(p.lng) &&
  p.lat >= SERVICE_AREA.minLat &&
  p.lat <= SERVICE_AREA.maxLat &&
  p.lng >= SERVICE_AREA.minLng &&
  p.lng <= SERVICE_AREA.maxLng
    ? ok(p)
    : err({ _tag: "LocationOutsideServiceArea", lat: p.lat, lng: p.lng });

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine); accurate to well under 0.5% at Jeju's scale. */
export const distanceKm = (a: LatLng, b: LatLng): number => {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
};
