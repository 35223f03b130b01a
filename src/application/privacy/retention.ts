import { Effect } from "effect";
import { LOCATION_RECORD_RETENTION_DAYS } from "../../domain/privacy/location.js";
import { Clock } from "../ports/Clock.js";
import { LocationLog } from "../ports/LocationLog.js";
import { PersonalData } from "../ports/PersonalData.js";
import { PrivacyPolicy } from "../ports/PrivacyPolicy.js";

const DAY_MS = 86_400_000;

/** Location-use records older than their retention (6 months) go; how many. */
export const purgeLocationRecords = Effect.fn("purgeLocationRecords")(function* () {
  const now = yield* (yield* Clock).now;
  return yield* (yield* LocationLog).purgeBefore(new Date(now.getTime() - LOCATION_RECORD_RETENTION_DAYS * DAY_MS));
});

/** Notifications and trending's raw hashtag uses past their retention (PrivacyPolicy) go; how many. */
export const purgeRetention = Effect.fn("purgeRetention")(function* () {
  const now = (yield* (yield* Clock).now).getTime();
  const policy = yield* PrivacyPolicy;
  const purged = yield* (yield* PersonalData).purgeExpired({
    notificationsBefore: new Date(now - policy.notificationRetentionDays * DAY_MS),
    hashtagUsesBefore: new Date(now - policy.trendingRetentionDays * DAY_MS),
  });
  return { ...purged, locationRecords: yield* purgeLocationRecords() };
});
