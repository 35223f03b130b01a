import { Effect } from "effect";
import { EventLog } from "../../application/ports/EventLog.js";
import { SEARCH_ENGINE_CONSUMER, syncSearchIndex } from "../../application/search/syncSearchIndex.js";
import type { AppServices } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { EventConsumerLoop } from "./eventDispatcher.js";

const BATCH = 200;
/** How often a healthy consumer makes sure the index is still there (an engine restarted empty has none). */
const INDEX_CHECK_MS = 5_000;

export interface SearchSyncDeps {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Creates the index (and alias) when missing: the name of a new index, or null when it was there. */
  readonly ensureIndex: Effect.Effect<string | null, unknown, AppServices>;
}

/**
 * The search engine's event consumer: makes sure the index exists (a new one is filled by recording
 * every question), then moves the events to the engine in batches. The index is checked again after
 * every failure and every few seconds, so an engine that comes back empty gets its index and alias
 * recreated and refilled.
 */
export const searchSyncConsumer = (deps: SearchSyncDeps): EventConsumerLoop => {
  let indexCheckedAt = Number.NEGATIVE_INFINITY;
  let indexSeen = false;

  const checkIndex = Effect.gen(function* () {
    const created = yield* deps.ensureIndex;
    indexCheckedAt = Date.now();
    if (created) {
      const queued = yield* (yield* EventLog).recordEveryQuestion;
      if (indexSeen)
        deps.logger.warn(
          { index: created, queued },
          "search index was missing (engine came back empty): recreated; refilling it from the database",
        );
      else deps.logger.info({ index: created, queued }, "search index created; filling it from the database");
    }
    indexSeen = true;
  });

  return {
    name: SEARCH_ENGINE_CONSUMER,
    deliverBatch: Effect.gen(function* () {
      if (Date.now() - indexCheckedAt >= INDEX_CHECK_MS) yield* checkIndex;
      const r = yield* syncSearchIndex(BATCH);
      deps.metrics.searchSyncBatches.inc({ outcome: "ok" });
      return r.events;
    }),
    onFailure: () => {
      // Whatever failed, the engine may have lost its index: look again before the next batch.
      indexCheckedAt = Number.NEGATIVE_INFINITY;
      deps.metrics.searchSyncBatches.inc({ outcome: "failed" });
    },
  };
};

/** The backlog of the search engine's consumer, for the pending gauge (read from the table at each scrape). */
export const searchBacklog = EventLog.use((log) => log.backlog(SEARCH_ENGINE_CONSUMER));
