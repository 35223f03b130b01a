import { Cause, Duration, Effect, Exit, Schedule } from "effect";
import { EventLog } from "../../application/ports/EventLog.js";
import { BackgroundWork } from "../../application/ports/ReadConsistency.js";
import { SEARCH_ENGINE_CONSUMER, syncSearchIndex } from "../../application/search/syncSearchIndex.js";
import type { AppServices } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

const BATCH = 200;
const IDLE = Duration.seconds(1);
/** How often a healthy worker makes sure the index is still there (an engine restarted empty has none). */
const INDEX_CHECK_MS = 5_000;
/** Delivered events are kept this long (for inspection), then purged. */
export const EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const PURGE_EVERY = Duration.minutes(10);

export interface SearchSyncDeps {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Creates the index (and alias) when missing: the name of a new index, or null when it was there. */
  readonly ensureIndex: Effect.Effect<string | null, unknown, AppServices>;
}

/**
 * The search engine's event consumer, as a fiber: makes sure the index exists (a new one is filled by
 * recording every question), then delivers the consumer's events in batches. While the engine is down
 * it backs off (1 s doubling to 30 s, jittered) and tries again; the events wait meanwhile. The index
 * is checked again after every failure and every few seconds, so an engine that comes back empty gets
 * its index and alias recreated and refilled. It reads the primary, on the background pool.
 */
export const searchSyncWorker = (deps: SearchSyncDeps): Effect.Effect<never, never, AppServices> => {
  let indexCheckedAt = Number.NEGATIVE_INFINITY;
  let indexSeen = false;

  const checkIndex = Effect.gen(function* () {
    const created = yield* deps.ensureIndex;
    indexCheckedAt = Date.now();
    if (created) {
      const queued = yield* (yield* EventLog).recordEveryQuestion;
      if (indexSeen)
        deps.logger.warn({ index: created, queued }, "search index was missing (engine came back empty): recreated; refilling it from the database");
      else deps.logger.info({ index: created, queued }, "search index created; filling it from the database");
    }
    indexSeen = true;
  });

  /** One batch; succeeds with whether there may be more right away. Any failure, defects too, is retried. */
  const batch = Effect.gen(function* () {
    if (Date.now() - indexCheckedAt >= INDEX_CHECK_MS) yield* checkIndex;
    const r = yield* syncSearchIndex(BATCH);
    deps.metrics.searchSyncBatches.inc({ outcome: "ok" });
    return r.events > 0;
  }).pipe(
    Effect.exit,
    Effect.flatMap((exit) => {
      if (Exit.isSuccess(exit)) return Effect.succeed(exit.value);
      if (Cause.hasInterruptsOnly(exit.cause)) return Effect.interrupt;
      // Whatever failed, the engine may have lost its index: look again before the next batch.
      indexCheckedAt = Number.NEGATIVE_INFINITY;
      deps.metrics.searchSyncBatches.inc({ outcome: "failed" });
      deps.logger.warn({ err: Cause.pretty(exit.cause).split("\n")[0] }, "search sync paused: engine unavailable");
      return Effect.fail(exit.cause);
    }),
  );

  const backoff = Schedule.exponential(Duration.seconds(1)).pipe(
    Schedule.jittered,
    Schedule.modifyDelay(({ duration }) => Effect.succeed(Duration.min(duration, Duration.seconds(30)))),
  );
  const deliver = batch.pipe(
    Effect.retry(backoff),
    Effect.flatMap((more) => (more ? Effect.void : Effect.sleep(IDLE))),
    Effect.forever,
  );
  const purge = Effect.gen(function* () {
    const purged = yield* (yield* EventLog).purgeDelivered(new Date(Date.now() - EVENT_RETENTION_MS));
    if (purged > 0) deps.logger.debug({ purged }, "delivered events purged");
  }).pipe(Effect.exit, Effect.repeat(Schedule.spaced(PURGE_EVERY)));

  return Effect.all([deliver, purge], { concurrency: 2, discard: true }).pipe(
    Effect.andThen(Effect.never),
    Effect.provideService(BackgroundWork, true),
  ) as Effect.Effect<never, never, AppServices>;
};

/** The backlog of the search engine's consumer, for the pending gauge (read from the table at each scrape). */
export const searchBacklog = EventLog.use((log) => log.backlog(SEARCH_ENGINE_CONSUMER));
