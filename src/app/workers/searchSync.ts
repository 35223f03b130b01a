import { Client } from "@opensearch-project/opensearch";
import { Cause, Effect, Exit } from "effect";
import { loadJejuRegions } from "../../adapters/region-data/jejuRegions.js";
import { ensureIndex } from "../../adapters/search-engine/admin.js";
import { SearchOutbox } from "../../application/ports/SearchOutbox.js";
import { syncSearchIndex } from "../../application/search/syncSearchIndex.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

const IDLE_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;
/** How often a healthy worker makes sure the index is still there (an engine restarted empty has none). */
const INDEX_CHECK_MS = 5_000;
const PENDING_READ_TIMEOUT = "2 seconds";

/**
 * Keeps the engine up to date: makes sure the index exists (a new one is filled from the outbox),
 * then drains the outbox in batches. While the engine is down it backs off and tries again; the
 * outbox keeps every change meanwhile. The index is checked again after every failure and every few
 * seconds, so an engine that comes back empty gets its index and alias recreated and refilled.
 */
export const startSearchSync = (deps: { runtime: AppRuntime; logger: Logger; metrics: Metrics; url: string; alias: string }) => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let backoff = IDLE_MS;
  let indexCheckedAt = Number.NEGATIVE_INFINITY;
  let indexSeen = false;
  const regions = loadJejuRegions();
  const os = new Client({ node: deps.url, requestTimeout: 5_000, maxRetries: 0 });
  deps.metrics.readOutboxPendingFrom(() =>
    deps.runtime.runPromise(SearchOutbox.use((o) => o.pending).pipe(Effect.timeout(PENDING_READ_TIMEOUT))),
  );

  const checkIndex = async () => {
    const created = await ensureIndex(os, deps.alias, regions);
    indexCheckedAt = Date.now();
    if (created) {
      const queued = await deps.runtime.runPromise(SearchOutbox.use((o) => o.enqueueAll));
      if (indexSeen)
        deps.logger.warn(
          { index: created, queued },
          "search index was missing (engine came back empty): recreated; refilling it from the database",
        );
      else deps.logger.info({ index: created, queued }, "search index created; filling it from the database");
    }
    indexSeen = true;
  };

  const tick = async () => {
    if (stopped) return;
    try {
      if (Date.now() - indexCheckedAt >= INDEX_CHECK_MS) await checkIndex();
      const exit = await deps.runtime.runPromiseExit(syncSearchIndex(200));
      if (Exit.isFailure(exit)) throw new Error(Cause.pretty(exit.cause).split("\n")[0]);
      deps.metrics.searchSyncBatches.inc({ outcome: "ok" });
      backoff = IDLE_MS;
      timer = setTimeout(tick, exit.value.synced + exit.value.removed > 0 ? 0 : IDLE_MS);
    } catch (err) {
      // Whatever failed, the engine may have lost its index: look again before the next batch.
      indexCheckedAt = Number.NEGATIVE_INFINITY;
      deps.metrics.searchSyncBatches.inc({ outcome: "failed" });
      deps.logger.warn(
        { err: err instanceof Error ? err.message : String(err), retryInMs: backoff },
        "search sync paused: engine unavailable",
      );
      timer = setTimeout(tick, backoff);
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  };
  timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    void os.close().catch(() => {});
  };
};
