import { randomBytes } from "node:crypto";
import { Layer, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresPersistence } from "../../src/adapters/postgres/index.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { ensureIndex } from "../../src/adapters/search-engine/admin.js";
import { OsClientLive } from "../../src/adapters/search-engine/OsClient.js";
import { OsSearchDocuments } from "../../src/adapters/search-engine/OsSearchDocuments.js";
import { OsSearchIndex } from "../../src/adapters/search-engine/OsSearchIndex.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { SearchIndex } from "../../src/application/ports/SearchIndex.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { syncSearchIndex } from "../../src/application/search/syncSearchIndex.js";
import { parseQuery } from "../../src/domain/search/query.js";
import { questionN, userN } from "../contract/fixtures.js";
import type { HarnessFactory } from "../contract/harness.js";
import { searchIndexContract } from "../contract/SearchIndex.contract.js";
import { machineDatabase, type TestDatabase, truncateAll } from "../support/postgres.js";
import { SEARCH_ENGINE_URL, searchClient } from "../support/searchEngine.js";

/** PostgreSQL as the system of record, the real engine for search, fed through the outbox. */
export const engineHarness =
  (db: () => TestDatabase): HarnessFactory =>
  async () => {
    const { url } = db();
    await truncateAll(url);
    const alias = `dongne-test-${randomBytes(4).toString("hex")}`;
    const client = searchClient();
    await ensureIndex(client, alias, loadJejuRegions(), { shards: 1, replicas: 0 });
    const persistence = postgresPersistence({ url, poolSize: 4, searchOutbox: true });
    const engine = Layer.mergeAll(OsSearchIndex, OsSearchDocuments).pipe(
      Layer.provide(OsClientLive({ url: SEARCH_ENGINE_URL, alias })),
      Layer.provide(persistence),
    );
    const rt = ManagedRuntime.make(Layer.merge(persistence, engine));
    return {
      run: rt.runPromise,
      exit: rt.runPromiseExit,
      settle: async () => {
        for (let i = 0; i < 100; i++) if ((await rt.runPromise(syncSearchIndex(100))).synced === 0) break;
        await client.indices.refresh({ index: alias });
      },
      dispose: async () => {
        await rt.dispose();
        await client.indices.delete({ index: `${alias}-*` }).catch(() => {});
      },
    };
  };

describe("the OpenSearch adapter", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await machineDatabase();
  }, 120_000);
  afterAll(() => db?.drop());
  searchIndexContract(
    "OpenSearch (nori) fed by the outbox",
    engineHarness(() => db),
  );

  it("re-checks every hit against PostgreSQL: a question hidden after indexing never shows, even before the sync", async () => {
    const h = await engineHarness(() => db)();
    try {
      const u = userN(1);
      const q = questionN(1, u, { title: "숨김 처리될 애월 질문입니다" });
      await h.run(UserRepository.use((r) => r.insert(u)));
      await h.run(QuestionRepository.use((r) => r.insert(q)));
      await h.settle?.();
      const search = () =>
        h.run(
          SearchIndex.use((s) =>
            s.search({ query: parseQuery("숨김 애월"), filters: {}, sort: "relevance", offset: 0, limit: 5, allowTypos: false }),
          ),
        );
      expect((await search()).hits.map((x) => x.question.id)).toEqual([q.id]);
      await h.run(QuestionRepository.use((r) => r.save({ ...q, status: "hidden" })));
      // the engine still has it (no sync yet), but the result is filtered by the system of record
      expect((await search()).hits).toEqual([]);
    } finally {
      await h.dispose();
    }
  });
});
