import { randomBytes } from "node:crypto";
import { Layer, ManagedRuntime } from "effect";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { ensureIndex } from "../../src/adapters/search-engine/admin.js";
import { loadConfig } from "../../src/app/config.js";
import { searchLayers } from "../../src/app/layers.js";
import { makeLogger } from "../../src/app/logger.js";
import { type Metrics, makeMetrics } from "../../src/app/metrics.js";
import { EventLog } from "../../src/application/ports/EventLog.js";
import { syncSearchIndex } from "../../src/application/search/syncSearchIndex.js";
import type { HarnessFactory } from "../contract/harness.js";
import { pgPersistence, type TestDatabase, truncateAll } from "./postgres.js";
import { searchClient } from "./searchEngine.js";

/**
 * Search as the service wires it with SEARCH_ENGINE_URL set (`searchLayers`: time budget, circuit
 * breaker, PostgreSQL fallback, the reporter's metrics), over PostgreSQL. Behind it either the real
 * engine (`live`, fed through the outbox) or an engine that hangs or refuses, so PostgreSQL answers.
 */
export const guardedEngineHarness =
  (
    db: () => TestDatabase,
    engine: () => { readonly url: string; readonly live: boolean },
    options: { readonly env?: Record<string, string>; readonly onMetrics?: (metrics: Metrics) => void } = {},
  ): HarnessFactory =>
  async () => {
    const { url } = db();
    const { url: engineUrl, live } = engine();
    await truncateAll(url);
    const alias = `dongne-guard-${randomBytes(4).toString("hex")}`;
    const client = searchClient();
    if (live) await ensureIndex(client, alias, loadJejuRegions(), { shards: 1, replicas: 0 });
    const config = loadConfig({ SEARCH_ENGINE_URL: engineUrl, SEARCH_INDEX_ALIAS: alias, ...options.env });
    const metrics = makeMetrics();
    options.onMetrics?.(metrics);
    const persistence = pgPersistence({ url, poolSize: 4, searchOutbox: live });
    const rt = ManagedRuntime.make(
      Layer.merge(persistence, searchLayers(config, makeLogger("silent"), metrics).pipe(Layer.provide(persistence))),
    );
    return {
      run: rt.runPromise,
      exit: rt.runPromiseExit,
      settle: async () => {
        if (!live) return;
        // The contracts store questions through the repositories, which record no events: record a change of
        // every question, as a rebuild does, then deliver them all.
        await rt.runPromise(EventLog.use((l) => l.recordEveryQuestion));
        for (let i = 0; i < 100; i++) if ((await rt.runPromise(syncSearchIndex(100))).events === 0) break;
        await client.indices.refresh({ index: alias });
      },
      dispose: async () => {
        await rt.dispose();
        if (live) await client.indices.delete({ index: `${alias}-*` }).catch(() => {});
        await client.close();
      },
    };
  };
