import { randomBytes } from "node:crypto";
import { Effect, Layer, ManagedRuntime } from "effect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresPersistence } from "../../src/adapters/postgres/index.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { aliasTargets, ensureIndex } from "../../src/adapters/search-engine/admin.js";
import { OsClientLive } from "../../src/adapters/search-engine/OsClient.js";
import { OsSearchDocuments } from "../../src/adapters/search-engine/OsSearchDocuments.js";
import { checkDrift, reindex } from "../../src/app/cli/searchAdmin.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { syncSearchIndex } from "../../src/application/search/syncSearchIndex.js";
import { questionN, userN } from "../contract/fixtures.js";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { SEARCH_ENGINE_URL, searchClient } from "../support/searchEngine.js";

describe("search administration on the real engine: reindex behind an alias, drift check", () => {
  let db: TestDatabase;
  const alias = `dongne-admin-${randomBytes(4).toString("hex")}`;
  const client = searchClient();
  beforeAll(async () => {
    db = await machineDatabase();
  }, 120_000);
  afterAll(async () => {
    await client.indices.delete({ index: `${alias}-*` }).catch(() => {});
    await db?.drop();
  });

  it("rebuilds without a failed or empty search, then detects missing and changed documents", async () => {
    const persistence = postgresPersistence({ url: db.url, poolSize: 4, searchOutbox: true });
    const runtime = ManagedRuntime.make(
      Layer.merge(persistence, OsSearchDocuments.pipe(Layer.provide(OsClientLive({ url: SEARCH_ENGINE_URL, alias })))),
    );
    try {
      const u = userN(1);
      await runtime.runPromise(UserRepository.use((r) => r.insert(u)));
      await runtime.runPromise(
        QuestionRepository.use((r) =>
          Effect.forEach(
            Array.from({ length: 60 }, (_, i) => questionN(i + 1, u)),
            (q) => r.insert(q),
          ),
        ),
      );
      await ensureIndex(client, alias, loadJejuRegions(), { shards: 1, replicas: 0 });
      while ((await runtime.runPromise(syncSearchIndex(100))).synced > 0);
      await client.indices.refresh({ index: alias });
      const [first] = await aliasTargets(client, alias);

      // searches keep running through the whole rebuild
      let searching = true;
      const failures: string[] = [];
      const loop = (async () => {
        while (searching) {
          try {
            const res = await client.search({ index: alias, body: { query: { match_all: {} }, size: 0, track_total_hits: true } });
            const total = res.body.hits.total;
            if ((typeof total === "number" ? total : (total?.value ?? 0)) === 0) failures.push("empty");
          } catch (e) {
            failures.push(String(e));
          }
        }
      })();
      const result = await reindex(runtime, client, alias, { shards: 1, replicas: 0 });
      searching = false;
      await loop;
      expect(failures).toEqual([]);
      expect(result.copied).toBe(60);
      expect(result.dropped).toEqual([first]);
      expect(await aliasTargets(client, alias)).toEqual([result.index]);
      while ((await runtime.runPromise(syncSearchIndex(100))).synced > 0);

      const clean = await checkDrift(runtime, client, alias, 1);
      expect(clean).toMatchObject({ listed: 60, indexed: 60, pending: 0, drift: false, missing: [], mismatched: [] });

      const [a, b] = [questionN(5, u).id, questionN(9, u).id];
      await client.delete({ index: alias, id: a, refresh: true });
      // a change that reached the database but never the engine (its outbox entry lost)
      const pgc = new pg.Client({ connectionString: db.url });
      await pgc.connect();
      await pgc.query("UPDATE questions SET title = '엔진이 모르는 바뀐 제목입니다' WHERE id = $1", [b]);
      await pgc.query("DELETE FROM search_outbox");
      await pgc.end();
      const drifted = await checkDrift(runtime, client, alias, 1);
      expect(drifted.drift).toBe(true);
      expect(drifted.missing).toEqual([a]);
      expect(drifted.mismatched).toEqual([b]);
      expect(drifted.indexed).toBe(59);
    } finally {
      await runtime.dispose();
    }
  }, 120_000);
});
