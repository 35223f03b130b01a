import { Cause, Duration, Effect, Exit, Schedule } from "effect";
import { expireUploads } from "../../application/media/removeMedia.js";
import { BackgroundWork } from "../../application/ports/ReadConsistency.js";
import type { AppServices } from "../layers.js";
import type { Logger } from "../logger.js";

/**
 * Every `intervalMs`, deletes uploads never attached to a post within 24 h (objects and records). A failed
 * round is logged and the next one tries again: nothing is lost by waiting. Interrupt it to stop.
 */
export const expireMediaPeriodically = (intervalMs: number, logger: Logger): Effect.Effect<never, never, AppServices> =>
  expireUploads().pipe(
    Effect.exit,
    Effect.tap((exit) =>
      Effect.sync(() => {
        if (Exit.isSuccess(exit)) {
          if (exit.value > 0) logger.info({ removed: exit.value }, "expired uploads removed");
        } else if (!Cause.hasInterruptsOnly(exit.cause))
          logger.warn({ err: Cause.pretty(exit.cause).split("\n")[0] }, "upload expiry failed: retrying later");
      }),
    ),
    Effect.repeat(Schedule.spaced(Duration.millis(intervalMs))),
    Effect.andThen(Effect.never),
    Effect.provideService(BackgroundWork, true),
  );
