import { Effect } from "effect";
import type { LatLng } from "../../domain/shared/geo.js";
import type { UserId } from "../../domain/shared/ids.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { recordLocationUse, requireLocationConsent } from "../privacy/locationAccess.js";

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

/**
 * The search of a caller: a signed-in caller's position is their location data, so it needs their
 * location consent and is recorded as a use. An anonymous search is tied to no one and keeps nothing.
 */
export const nearbyQuestionsFor = Effect.fn("nearbyQuestionsFor")(function* (
  input: LatLng & { readonly radiusKm: number; readonly limit?: number | undefined },
  viewerId: UserId | null,
) {
  if (viewerId) {
    yield* requireLocationConsent(viewerId);
    yield* recordLocationUse({ userId: viewerId, purpose: "nearby_search", recipient: null, reference: null });
  }
  return yield* nearbyQuestions(input);
});
