import { randomBytes } from "node:crypto";
import { Layer, ManagedRuntime } from "effect";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { ensureIndex } from "../../src/adapters/search-engine/admin.js";
import { OsClientLive } from "../../src/adapters/search-engine/OsClient.js";
import { OsSearchDocuments } from "../../src/adapters/search-engine/OsSearchDocuments.js";
import { OsSearchIndex } from "../../src/adapters/search-engine/OsSearchIndex.js";
import { EventLog } from "../../src/application/ports/EventLog.js";
import { syncSearchIndex } from "../../src/application/search/syncSearchIndex.js";
import type { HarnessFactory } from "../contract/harness.js";
import { pgPersistence, type TestDatabase, truncateAll } from "./postgres.js";
import { SEARCH_ENGINE_URL, searchClient } from "./searchEngine.js";

/** PostgreSQL as the system of record, the real engine for search, fed through the outbox. */
export const engineHarness =
  (db: () => TestDatabase): HarnessFactory =>
  async () => {
    const { url } = db();
    await truncateAll(url);
    const alias = `dongne-test-${randomBytes(4).toString("hex")}`;
    const client = searchClient();
    await ensureIndex(client, alias, loadJejuRegions(), { shards: 1, replicas: 0 });
    const persistence = pgPersistence({ url, poolSize: 4, searchOutbox: true });
    const engine = Layer.mergeAll(OsSearchIndex, OsSearchDocuments).pipe(
      Layer.provide(OsClientLive({ url: SEARCH_ENGINE_URL, alias })),
      Layer.provide(persistence),
    );
    const rt = ManagedRuntime.make(Layer.merge(persistence, engine));
    return {
      run: rt.runPromise,
      exit: rt.runPromiseExit,
      settle: async () => {
        // The contracts store questions through the repositories, which record no events: record a change of
        // every question, as a rebuild does, then deliver them all.
        await rt.runPromise(EventLog.use((l) => l.recordEveryQuestion));
        for (let i = 0; i < 100; i++) if ((await rt.runPromise(syncSearchIndex(100))).events === 0) break;
        await client.indices.refresh({ index: alias });
      },
      dispose: async () => {
        await rt.dispose();
        await client.indices.delete({ index: `${alias}-*` }).catch(() => {});
      },
    };
  };
