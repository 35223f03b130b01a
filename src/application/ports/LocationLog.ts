import { Context, type Effect } from "effect";
import type { LocationUse, LocationUseRecord } from "../../domain/privacy/location.js";
import type { UserId } from "../../domain/shared/ids.js";

/**
 * 위치정보 이용·제공사실 확인자료: one record per use of a person's location, appended by the use case that used
 * it, never changed. They leave only by age (`purgeBefore`) or with the person's location data (`eraseFor`).
 */
export class LocationLog extends Context.Service<
  LocationLog,
  {
    readonly append: (use: LocationUse) => Effect.Effect<void>;
    /** The person's records, newest first. */
    readonly listFor: (userId: UserId, limit: number) => Effect.Effect<readonly LocationUseRecord[]>;
    /** Deletes records used before `before`; how many. */
    readonly purgeBefore: (before: Date) => Effect.Effect<number>;
    /** Deletes every record of the person (withdrawn consent, deleted account); how many. */
    readonly eraseFor: (userId: UserId) => Effect.Effect<number>;
  }
>()("dongne/LocationLog") {}
