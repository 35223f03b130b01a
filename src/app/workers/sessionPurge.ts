import { Cause, Duration, Effect, Exit, Schedule } from "effect";
import { purgeSessions } from "../../application/account/purgeSessions.js";
import { purgeIdempotencyKeys } from "../../application/idempotency/purgeIdempotencyKeys.js";
import { BackgroundWork } from "../../application/ports/ReadConsistency.js";
import { purgeRetention } from "../../application/privacy/retention.js";
import type { AppServices } from "../layers.js";
import type { Logger } from "../logger.js";

/** Expired and idle sessions are deleted this often (they are refused from the moment they end either way). */
export const SESSION_PURGE_EVERY = Duration.hours(1);

/** Deletes the sessions that can never be live again, at start and then every hour, on the background pool. */
export const purgeSessionsPeriodically = (
  logger: Logger,
  every: Duration.Input = SESSION_PURGE_EVERY,
): Effect.Effect<never, never, AppServices> =>
  Effect.all([purgeSessions(), purgeIdempotencyKeys(), purgeRetention()]).pipe(
    Effect.exit,
    Effect.tap((exit) =>
      Effect.sync(() => {
        if (Exit.isSuccess(exit)) {
          const [sessions, idempotencyKeys, retention] = exit.value;
          const retained = retention.notifications + retention.hashtagUses + retention.locationRecords;
          if (sessions + idempotencyKeys + retained > 0)
            logger.info({ sessions, idempotencyKeys, ...retention }, "expired sessions, idempotency keys and data past retention purged");
        } else logger.warn({ cause: Cause.pretty(exit.cause) }, "session purge failed; retried at the next run");
      }),
    ),
    Effect.repeat(Schedule.spaced(every)),
    Effect.andThen(Effect.never),
    Effect.provideService(BackgroundWork, true),
  ) as Effect.Effect<never, never, AppServices>;
