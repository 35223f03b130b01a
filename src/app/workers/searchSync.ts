import { Client } from "@opensearch-project/opensearch";
import { Cause, Exit } from "effect";
import { loadJejuRegions } from "../../adapters/region-data/jejuRegions.js";
import { ensureIndex } from "../../adapters/search-engine/admin.js";
import { SearchOutbox } from "../../application/ports/SearchOutbox.js";
import { syncSearchIndex } from "../../application/search/syncSearchIndex.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

const IDLE_MS = 1_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * Keeps the engine up to date: makes sure the index exists (a new one is filled from the outbox),
 * then drains the outbox in batches. While the engine is down it backs off and tries again; the
 * outbox keeps every change meanwhile.
 */
export const startSearchSync = (deps: { runtime: AppRuntime; logger: Logger; metrics: Metrics; url: string; alias: string }) => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let backoff = IDLE_MS;
  let indexReady = false;
  const tick = async () => {
    if (stopped) return;
    try {
      if (!indexReady) {
        const os = new Client({ node: deps.url, requestTimeout: 5_000 });
        const created = await ensureIndex(os, deps.alias, loadJejuRegions());
        await os.close();
        if (created) {
          const queued = await deps.runtime.runPromise(SearchOutbox.use((o) => o.enqueueAll));
          deps.logger.info({ index: created, queued }, "search index created; filling it from the database");
        }
        indexReady = true;
      }
      const exit = await deps.runtime.runPromiseExit(syncSearchIndex(200));
      if (Exit.isFailure(exit)) throw new Error(Cause.pretty(exit.cause).split("\n")[0]);
      deps.metrics.searchSyncBatches.inc({ outcome: "ok" });
      deps.metrics.searchOutboxPending.set(await deps.runtime.runPromise(SearchOutbox.use((o) => o.pending)));
      backoff = IDLE_MS;
      timer = setTimeout(tick, exit.value.synced + exit.value.removed > 0 ? 0 : IDLE_MS);
    } catch (err) {
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
  };
};
