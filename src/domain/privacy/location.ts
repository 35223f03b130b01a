import type { LatLng } from "../shared/geo.js";
import type { UserId } from "../shared/ids.js";

/** Why a person's location was used (위치정보 이용·제공사실 확인자료 records the purpose). */
export const LOCATION_PURPOSES = ["verification", "question_location", "nearby_search"] as const;
export type LocationPurpose = (typeof LOCATION_PURPOSES)[number];

export interface LocationUse {
  readonly userId: UserId;
  readonly purpose: LocationPurpose;
  /** To whom the location was provided, when it was (public readers of a question see its place). */
  readonly recipient: string | null;
  /** What the use concerned (a question id), never the coordinates. */
  readonly reference: string | null;
  readonly usedAt: Date;
}

export interface LocationUseRecord extends LocationUse {
  readonly id: string;
}

/** 위치정보법 제16조 ②: the records are kept at least 6 months; kept exactly that long here (183 days). */
export const LOCATION_RECORD_RETENTION_DAYS = 183;

const METRES_PER_DEGREE_LAT = 111_320;

/**
 * A point snapped to a grid of about `metres` (the cell's centre), so a public reader learns the
 * neighbourhood, not the doorstep. The grid is fixed, so repeated reads cannot be averaged back to the
 * exact point. Longitude cells are widened by the latitude's cosine to stay about square.
 */
export const coarsen = (p: LatLng, metres: number): LatLng => {
  if (metres <= 0) return p;
  const latStep = metres / METRES_PER_DEGREE_LAT;
  const lat = (Math.floor(p.lat / latStep) + 0.5) * latStep;
  const lngStep = metres / (METRES_PER_DEGREE_LAT * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  const lng = (Math.floor(p.lng / lngStep) + 0.5) * lngStep;
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  return { lat: round(Math.min(90, Math.max(-90, lat))), lng: round(lng) };
};
