import { Effect } from "effect";
import type { LatLng } from "../../domain/shared/geo.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";

export const MAX_RADIUS_KM = 50;

/** Listed questions with a location within the radius, nearest first. */
export const nearbyQuestions = Effect.fn("nearbyQuestions")(function* (
  input: LatLng & { readonly radiusKm: number; readonly limit?: number | undefined },
) {
  const radiusKm = Math.min(Math.max(input.radiusKm, 0), MAX_RADIUS_KM);
  const items = yield* (yield* QuestionRepository).nearby({
    center: { lat: input.lat, lng: input.lng },
    radiusKm,
    limit: input.limit ?? 20,
  });
  return { items };
});
