import { Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import { LocationLog } from "../ports/LocationLog.js";

export const LOCATION_LOG_LIMIT = 1000;

/** The caller's own location-use records, newest first (위치정보법 제24조 ④: the person may see them). */
export const listLocationUses = Effect.fn("listLocationUses")(function* (userId: UserId, limit = LOCATION_LOG_LIMIT) {
  return yield* (yield* LocationLog).listFor(userId, Math.min(Math.max(limit, 1), LOCATION_LOG_LIMIT));
});
