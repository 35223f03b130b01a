import { Effect } from "effect";
import { LOCATION_RECORD_RETENTION_DAYS } from "../../domain/privacy/location.js";
import { Clock } from "../ports/Clock.js";
import { LocationLog } from "../ports/LocationLog.js";

const DAY_MS = 86_400_000;

/** Location-use records older than their retention (6 months) go; how many. */
export const purgeLocationRecords = Effect.fn("purgeLocationRecords")(function* () {
  const now = yield* (yield* Clock).now;
  return yield* (yield* LocationLog).purgeBefore(new Date(now.getTime() - LOCATION_RECORD_RETENTION_DAYS * DAY_MS));
});
