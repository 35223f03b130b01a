import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Effect, Exit, Layer, ManagedRuntime } from "effect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { aliasTargets } from "../../src/adapters/search-engine/admin.js";
import { engineDocument } from "../../src/adapters/search-engine/document.js";
import { OsClientLive } from "../../src/adapters/search-engine/OsClient.js";
import { OsSearchAdmin } from "../../src/adapters/search-engine/OsSearchAdmin.js";
import { OsSearchDocuments } from "../../src/adapters/search-engine/OsSearchDocuments.js";
import { EventLog } from "../../src/application/ports/EventLog.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { SearchAdmin } from "../../src/application/ports/SearchAdmin.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { checkSearchDrift } from "../../src/application/search/checkSearchDrift.js";
import { reindexSearch } from "../../src/application/search/reindexSearch.js";
import { repairSearchDrift } from "../../src/application/search/repairSearchDrift.js";
import { syncSearchIndex } from "../../src/application/search/syncSearchIndex.js";
import { questionN, userN } from "../contract/fixtures.js";
import { searchAdminContract } from "../contract/SearchAdmin.contract.js";
import { machineDatabase, pgPersistence, type TestDatabase, truncateAll } from "../support/postgres.js";
import { SEARCH_ENGINE_URL, searchClient } from "../support/searchEngine.js";

/** The store on `url` and the engine behind `alias`: documents (for the sync) and their administration. */
const adminRuntime = (url: string, alias: string) => {
  const persistence = pgPersistence({ url, poolSize: 4, searchOutbox: true });
  const client = OsClientLive({ url: SEARCH_ENGINE_URL, alias });
  return ManagedRuntime.make(
    Layer.mergeAll(
      persistence,
      OsSearchDocuments.pipe(Layer.provide(client)),
      OsSearchAdmin({ regions: loadJejuRegions(), shards: 1, replicas: 0 }).pipe(Layer.provide(client)),
    ),
  );
};

/** What the sync worker does on a new index: it is filled from the database through the event log. */
const createAndFill = async (runtime: ReturnType<typeof adminRuntime>) => {
  const ensured = await runtime.runPromise(SearchAdmin.use((a) => a.ensureIndex));
  await runtime.runPromise(EventLog.use((l) => l.recordEveryQuestion));
  while ((await runtime.runPromise(syncSearchIndex(100))).synced > 0);
  return ensured;
};

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
    const runtime = adminRuntime(db.url, alias);
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
      const ensured = await createAndFill(runtime);
      await client.indices.refresh({ index: alias });
      const [first] = await aliasTargets(client, alias);
      expect(ensured).toEqual({ created: true, index: first });

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
      const result = await runtime.runPromise(reindexSearch());
      searching = false;
      await loop;
      expect(failures).toEqual([]);
      expect(result.copied).toBe(60);
      expect(result.dropped).toEqual([first]);
      expect(await aliasTargets(client, alias)).toEqual([result.index]);
      while ((await runtime.runPromise(syncSearchIndex(100))).synced > 0);

      const clean = await runtime.runPromise(checkSearchDrift());
      expect(clean).toMatchObject({ listed: 60, indexed: 60, pending: 0, drift: false, missing: [], mismatched: [], unexpected: [] });
    } finally {
      await runtime.dispose();
    }
  }, 120_000);
});

describe("the drift check compares every document, and repairs", () => {
  let db: TestDatabase;
  const client = searchClient();
  const aliases: string[] = [];
  beforeAll(async () => {
    db = await machineDatabase();
  }, 120_000);
  afterAll(async () => {
    for (const alias of aliases) await client.indices.delete({ index: `${alias}-*` }).catch(() => {});
    await db?.drop();
  });

  /** 60 questions in the database and, synced, in a fresh index. */
  const synced = async () => {
    const alias = `dongne-drift-${randomBytes(4).toString("hex")}`;
    aliases.push(alias);
    await truncateAll(db.url);
    const runtime = adminRuntime(db.url, alias);
    const u = userN(1);
    await runtime.runPromise(UserRepository.use((r) => r.insert(u)));
    const questions = Array.from({ length: 60 }, (_, i) => questionN(i + 1, u));
    await runtime.runPromise(QuestionRepository.use((r) => Effect.forEach(questions, (q) => r.insert(q))));
    await createAndFill(runtime);
    await client.indices.refresh({ index: alias });
    const sql = async (text: string, params: unknown[]) => {
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query(text, params);
      await c.end();
    };
    const id = (i: number) => questions[i]?.id as string;
    return { alias, runtime, id, sql };
  };

  it("by default finds a deleted, a tampered, a stale, a stray and a hidden document; the repair fixes each one", async () => {
    const { alias, runtime, id, sql } = await synced();
    try {
      const [deleted, tampered, stale, hidden] = [id(4), id(8), id(20), id(33)];
      const stray = "00000000-0000-4000-8000-00000000d21f";
      await client.delete({ index: alias, id: deleted, refresh: true });
      // changed by hand in the engine: its stored checksum field still looks right
      await client.update({ index: alias, id: tampered, body: { doc: { title: "엔진에서 손으로 바꾼 제목입니다" } }, refresh: true });
      await client.index({ index: alias, id: stray, body: { id: stray, title: "데이터베이스에 없는 질문입니다" }, refresh: true });
      // changes that reached the database but never the engine (written by hand: no event recorded)
      await sql("UPDATE questions SET title = '엔진이 모르는 바뀐 제목입니다' WHERE id = $1", [stale]);
      await sql("UPDATE questions SET status = 'hidden' WHERE id = $1", [hidden]);

      const drifted = await runtime.runPromise(checkSearchDrift());
      expect(drifted).toMatchObject({ drift: true, listed: 59, indexed: 60, pending: 0 });
      expect(drifted.missing).toEqual([deleted]);
      expect([...drifted.mismatched].sort()).toEqual([tampered, stale].sort());
      expect([...drifted.unexpected].sort()).toEqual([hidden, stray].sort());

      const repaired = await runtime.runPromise(repairSearchDrift(drifted));
      expect([...repaired.repaired].sort()).toEqual([deleted, tampered, stale, hidden, stray].sort());
      expect(repaired.skipped).toEqual([]);
      const after = await runtime.runPromise(checkSearchDrift());
      expect(after).toMatchObject({ drift: false, listed: 59, indexed: 59, missing: [], mismatched: [], unexpected: [] });
      const doc = await client.get({ index: alias, id: stale });
      expect((doc.body._source as { title: string }).title).toBe("엔진이 모르는 바뀐 제목입니다");
    } finally {
      await runtime.dispose();
    }
  }, 120_000);

  it("a repair never overwrites a document written after the check (the outbox sync's fresher data): it is skipped", async () => {
    const { alias, runtime, id } = await synced();
    try {
      const [a, b] = [id(1), id(2)];
      await client.update({ index: alias, id: a, body: { doc: { title: "손으로 바꾼 제목 하나입니다" } }, refresh: true });
      await client.update({ index: alias, id: b, body: { doc: { title: "손으로 바꾼 제목 둘입니다" } }, refresh: true });
      const drifted = await runtime.runPromise(checkSearchDrift());
      expect([...drifted.mismatched].sort()).toEqual([a, b].sort());
      // someone writes b between the check and the repair
      await client.update({ index: alias, id: b, body: { doc: { title: "그 사이에 쓰인 제목입니다" } }, refresh: true });
      const repaired = await runtime.runPromise(repairSearchDrift(drifted));
      expect(repaired).toEqual({ repaired: [a], skipped: [b] });
    } finally {
      await runtime.dispose();
    }
  }, 120_000);

  it("npm run search:drift exits 1 on drift and names it; with --repair it repairs and exits 0", async () => {
    const { alias, runtime, id } = await synced();
    await runtime.dispose();
    await client.delete({ index: alias, id: id(7), refresh: true });
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "src/app/cli/searchAdmin.ts", "drift", ...args], {
        env: { ...process.env, DATABASE_URL: db.url, SEARCH_ENGINE_URL, SEARCH_INDEX_ALIAS: alias, LOG_LEVEL: "warn" },
        encoding: "utf8",
      });
    const found = cli();
    expect(found.status, `${found.stdout}\n${found.stderr}`).toBe(1);
    expect(JSON.parse(found.stdout)).toMatchObject({ drift: true, missing: [id(7)], counts: { missing: 1, mismatched: 0, unexpected: 0 } });
    const fixed = cli("--repair");
    expect(fixed.status, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ drift: true, repair: { repaired: 1, skipped: [] }, after: { drift: false } });
    expect(cli().status).toBe(0);
  }, 120_000);
});

describe("ensureIndex through the SearchAdmin port", () => {
  const client = searchClient();
  const alias = `dongne-ensure-${randomBytes(4).toString("hex")}`;
  const admin = (url: string) =>
    ManagedRuntime.make(
      OsSearchAdmin({ regions: loadJejuRegions(), shards: 1, replicas: 0 }).pipe(
        Layer.provide(OsClientLive({ url, alias, requestTimeoutMs: 2_000 })),
      ),
    );
  afterAll(async () => {
    await client.indices.delete({ index: `${alias}*` }).catch(() => {});
  });

  it("creates a versioned index behind the alias once, replacing a plain index that squats the alias's name", async () => {
    const runtime = admin(SEARCH_ENGINE_URL);
    try {
      // what a write without require_alias auto-creates when the alias is gone
      await client.indices.create({ index: alias });
      const created = await runtime.runPromise(SearchAdmin.use((a) => a.ensureIndex));
      expect(created).toEqual({ created: true, index: expect.stringMatching(new RegExp(`^${alias}-\\d+$`)) });
      expect(await runtime.runPromise(SearchAdmin.use((a) => a.aliasTargets))).toEqual([created.created ? created.index : ""]);
      expect(await runtime.runPromise(SearchAdmin.use((a) => a.ensureIndex))).toEqual({ created: false });
    } finally {
      await runtime.dispose();
    }
  });

  it("fails with SearchUnavailable when the engine cannot be reached", async () => {
    const runtime = admin("http://127.0.0.1:1");
    try {
      const exit = await runtime.runPromiseExit(SearchAdmin.use((a) => a.ensureIndex));
      expect(Exit.isFailure(exit) && Exit.findError(exit)).toMatchObject({ _tag: "Success", success: { _tag: "SearchUnavailable" } });
    } finally {
      await runtime.dispose();
    }
  });
});

searchAdminContract("OpenSearch", async () => {
  const alias = `dongne-contract-${randomBytes(4).toString("hex")}`;
  const client = searchClient();
  const engine = OsClientLive({ url: SEARCH_ENGINE_URL, alias });
  const runtime = ManagedRuntime.make(
    Layer.merge(
      OsSearchDocuments.pipe(Layer.provide(engine)),
      OsSearchAdmin({ regions: loadJejuRegions(), shards: 1, replicas: 0 }).pipe(Layer.provide(engine)),
    ),
  );
  return {
    run: runtime.runPromise,
    put: async (doc) => {
      await client.index({ index: alias, id: doc.question.id, body: engineDocument(doc), refresh: true });
    },
    dispose: async () => {
      await runtime.dispose();
      await client.indices.delete({ index: `${alias}-*` }).catch(() => {});
      await client.close();
    },
  };
});
