import { Cause, Duration, Effect, Exit, Schedule } from "effect";
import { EventLog } from "../../application/ports/EventLog.js";
import { BackgroundWork } from "../../application/ports/ReadConsistency.js";
import type { AppServices } from "../layers.js";
import type { Logger } from "../logger.js";

/** Delivered events are kept this long (for inspection), then purged. */
export const EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const PURGE_EVERY = Duration.minutes(10);
const IDLE = Duration.seconds(1);

/** One consumer of the event log, as the dispatcher runs it. */
export interface EventConsumerLoop {
  readonly name: string;
  /**
   * Handles one batch of the consumer's pending events and acknowledges them; succeeds with how many
   * it took (0: nothing waits). It must be idempotent: after a failure the same events come again.
   */
  readonly deliverBatch: Effect.Effect<number, unknown, AppServices>;
  /** The pause when nothing waits (1 s unless set): how soon a new event is seen. */
  readonly idle?: Duration.Duration;
  /** Told of each failed batch before the retry. */
  readonly onFailure?: (cause: Cause.Cause<unknown>) => void;
}

/** 1 s doubling to 30 s, jittered, so consumers that failed together do not retry together. */
const BACKOFF = Schedule.exponential(Duration.seconds(1)).pipe(
  Schedule.jittered,
  Schedule.modifyDelay(({ duration }) => Effect.succeed(Duration.min(duration, Duration.seconds(30)))),
);

/** A consumer's loop: batches back to back while events wait, a pause when none do, backoff on any failure (defects too). */
const consume = (consumer: EventConsumerLoop, logger: Logger) => {
  const batch = consumer.deliverBatch.pipe(
    Effect.exit,
    Effect.flatMap((exit) => {
      if (Exit.isSuccess(exit)) return Effect.succeed(exit.value);
      if (Cause.hasInterruptsOnly(exit.cause)) return Effect.interrupt;
      consumer.onFailure?.(exit.cause);
      logger.warn({ consumer: consumer.name, err: Cause.pretty(exit.cause).split("\n")[0] }, "event delivery failed: retrying");
      return Effect.fail(exit.cause);
    }),
  );
  return batch.pipe(
    Effect.retry(BACKOFF),
    Effect.flatMap((taken) => (taken > 0 ? Effect.void : Effect.sleep(consumer.idle ?? IDLE))),
    Effect.forever,
  );
};

const purge = (logger: Logger) =>
  Effect.gen(function* () {
    const purged = yield* (yield* EventLog).purgeDelivered(new Date(Date.now() - EVENT_RETENTION_MS));
    if (purged > 0) logger.debug({ purged }, "delivered events purged");
  }).pipe(Effect.exit, Effect.repeat(Schedule.spaced(PURGE_EVERY)));

/**
 * Delivers the event log to its consumers, at least once, each in its own fiber, and purges what all
 * have handled after the retention. Runs on the background pool, reading the primary; interrupt it to stop.
 * Events of one aggregate reach a consumer in the order they were recorded (see EventLog).
 */
export const dispatchEvents = (consumers: readonly EventConsumerLoop[], logger: Logger): Effect.Effect<never, never, AppServices> =>
  Effect.all([...consumers.map((c) => consume(c, logger)), purge(logger)], { concurrency: "unbounded", discard: true }).pipe(
    Effect.andThen(Effect.never),
    Effect.provideService(BackgroundWork, true),
  ) as Effect.Effect<never, never, AppServices>;
