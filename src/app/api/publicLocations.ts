import { Effect } from "effect";
import { PrivacyPolicy } from "../../application/ports/PrivacyPolicy.js";
import { coarsen } from "../../domain/privacy/location.js";
import type { Call } from "./run.js";

type Node = { readonly [k: string]: unknown };
type Located = { readonly lat: number; readonly lng: number; readonly publicPlace?: unknown };

const isObject = (v: unknown): v is Node => typeof v === "object" && v !== null && !(v instanceof Date);
const isLocated = (v: unknown): v is Located => isObject(v) && typeof v.lat === "number" && typeof v.lng === "number";

/** A question view (questionView's shape): it has an author and a category label beside its location. */
const coarsened = <T>(value: T, viewer: string | null, metres: number): T => {
  if (Array.isArray(value)) return value.map((v) => coarsened(v, viewer, metres)) as T;
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = coarsened(v, viewer, metres);
  const location = value.location;
  if ("categoryLabel" in value && value.authorId !== viewer && isLocated(location) && location.publicPlace !== true) {
    out.location = { ...location, ...coarsen(location, metres) };
    // A distance to the exact point, to the metre, would let a few searches from chosen points find it again.
    if (typeof value.distanceKm === "number")
      out.distanceKm = Number((Math.round((value.distanceKm * 1000) / metres) * (metres / 1000)).toFixed(3));
  }
  return out as T;
};

/**
 * Every question's location in a view, snapped to the configured grid (PUBLIC_LOCATION_PRECISION_M, ~100 m) for
 * any reader but its asker, unless the asker marked it a public place. Applied to every answer that carries
 * question views (withImageLinks calls it), cached anonymous pages included.
 */
export const withPublicLocations = <T>(call: Call, value: T): Promise<T> => call.runtime.runPromise(publicLocationsFor(call.userId, value));

/** withPublicLocations as an effect; `viewer` null for the answers cached for every anonymous reader. */
export const publicLocationsFor = <T>(viewer: string | null, value: T) =>
  PrivacyPolicy.use((p) =>
    Effect.succeed(p.publicLocationPrecisionMetres > 0 ? coarsened(value, viewer, p.publicLocationPrecisionMetres) : value),
  );
