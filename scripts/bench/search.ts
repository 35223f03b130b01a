/**
 * `npm run bench:search`: relevance (nDCG@10, MRR on our graded Jeju set) and latency (p50/p95 at
 * 100k questions) of both search paths — PostgreSQL and the OpenSearch engine — measured in one run.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Client } from "@opensearch-project/opensearch";
import { Effect, Layer, ManagedRuntime } from "effect";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/adapters/postgres/EmbeddedPostgres.js";
import { postgresPersistence } from "../../src/adapters/postgres/index.js";
import { migrate } from "../../src/adapters/postgres/migrate.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { ensureIndex } from "../../src/adapters/search-engine/admin.js";
import { OsClientLive } from "../../src/adapters/search-engine/OsClient.js";
import { OsSearchAdminLive } from "../../src/adapters/search-engine/OsSearchAdmin.js";
import { OsSearchDocuments } from "../../src/adapters/search-engine/OsSearchDocuments.js";
import { OsSearchIndex } from "../../src/adapters/search-engine/OsSearchIndex.js";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { Events, questionWritten } from "../../src/application/ports/Events.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { similarQuestions } from "../../src/application/question/similarQuestions.js";
import { reindexSearch } from "../../src/application/search/reindexSearch.js";
import { searchQuestions } from "../../src/application/search/searchQuestions.js";
import { syncSearchIndex } from "../../src/application/search/syncSearchIndex.js";
import { askQuestion } from "../../src/domain/question/question.js";
import { locateNear, regionCatalog } from "../../src/domain/region/region.js";
import { QuestionId, UserId } from "../../src/domain/shared/ids.js";
import { newUser } from "../../src/domain/user/user.js";
import { bulkFillQuestions } from "./bulkFill.js";
import { EVAL_CORPUS, gradeOf } from "./search-eval/corpus.js";
import { GRADED_QUERIES, type GradedQuery, NATURAL_KINDS } from "./search-eval/judgments.js";
import { ndcgAt, percentile, reciprocalRank } from "./search-eval/metrics.js";

const ENGINE_URL = process.env.SEARCH_ENGINE_URL ?? "http://127.0.0.1:9200";
const LARGE = Number(process.env.BENCH_SEARCH_SIZE ?? 100_000);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 3);
const script = resolve(import.meta.dirname, "../search-engine.sh");

const uuid = (n: number, kind: number) => `00000000-0000-4000-8${kind}00-${String(n).padStart(12, "0")}`;

const main = async () => {
  let startedEngine = false;
  if (
    !(await fetch(ENGINE_URL)
      .then((r) => r.ok)
      .catch(() => false))
  ) {
    execFileSync(script, ["start"], { stdio: "inherit" });
    startedEngine = true;
  }
  const dir = mkdtempSync(join(tmpdir(), "dongne-bench-search-"));
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(dir);
  const alias = `bench-${randomBytes(4).toString("hex")}`;
  const os = new Client({ node: ENGINE_URL });
  try {
    await migrate(db.url, loadJejuRegions());
    const persistence = postgresPersistence({ url: db.url, searchOutbox: true, poolSize: 8 });
    const engineClient = OsClientLive({ url: ENGINE_URL, alias });
    const base = Layer.mergeAll(persistence, SystemClock, RandomIds);
    const pgPath = ManagedRuntime.make(base);
    const enginePath = ManagedRuntime.make(
      Layer.mergeAll(
        base,
        OsSearchIndex.pipe(Layer.provide(engineClient), Layer.provide(persistence)),
        OsSearchDocuments.pipe(Layer.provide(engineClient)),
        OsSearchAdminLive({ url: ENGINE_URL, alias, regions: loadJejuRegions(), shards: 1, replicas: 0, requestTimeoutMs: 60_000 }),
      ),
    );

    // The graded corpus, written as a use case would: each question and, in its unit of work, its event (search rows and engine sync follow it).
    const catalog = regionCatalog(loadJejuRegions());
    const author = newUser(
      UserId(uuid(1, 1)),
      { email: "bench@example.kr", nickname: "제주이웃", regionCode: "KR-49-01-02" },
      "x",
      new Date(),
    );
    await pgPath.runPromise(UserRepository.use((r) => r.insert(author)));
    const start = Date.now() - EVAL_CORPUS.length * 3_600_000;
    const byId = new Map<string, (typeof EVAL_CORPUS)[number]>();
    for (const d of EVAL_CORPUS) {
      const q = askQuestion(
        {
          id: QuestionId(uuid(d.n + 1, 2)),
          authorId: author.id,
          title: d.title,
          content: d.content,
          hashtags: d.hashtags,
          category: d.category,
          regionCode: locateNear(catalog, d.place)?.code ?? "KR-49",
        },
        catalog,
        new Date(start + d.n * 3_600_000),
      )._unsafeUnwrap();
      byId.set(q.id, d);
      await pgPath.runPromise(
        UnitOfWork.use((u) =>
          u.transact(
            Effect.andThen(
              QuestionRepository.use((r) => r.insert(q)),
              Events.use((e) => e.record([questionWritten(q, author.nickname)])),
            ),
          ),
        ),
      );
    }
    await ensureIndex(os, alias, loadJejuRegions(), { shards: 1, replicas: 0 });
    while ((await enginePath.runPromise(syncSearchIndex(200))).events > 0);
    await os.indices.refresh({ index: alias });

    /** Per query: nDCG@10, reciprocal rank, and whether it is dead (nothing relevant in the first 10). */
    const relevance = async (runtime: typeof pgPath) => {
      const perQuery: { q: GradedQuery; ndcg: number; rr: number; dead: boolean }[] = [];
      for (const q of GRADED_QUERIES) {
        const res = await runtime.runPromise(searchQuestions({ query: q.text, size: 10 }));
        const ranked = res.hits.map((h) => (byId.has(h.question.id) ? gradeOf(byId.get(h.question.id)!, q) : 0));
        const all = EVAL_CORPUS.map((d) => gradeOf(d, q));
        perQuery.push({ q, ndcg: ndcgAt(10, ranked, all), rr: reciprocalRank(ranked), dead: !ranked.some((g) => g > 0) });
      }
      return perQuery;
    };
    const relPg = await relevance(pgPath);
    const relEngine = await relevance(enginePath);

    const kinds = [...new Set(GRADED_QUERIES.map((q) => q.kind))];
    const f = (x: number) => x.toFixed(3);
    type Rel = typeof relPg;
    const groups: [string, (q: GradedQuery) => boolean][] = [
      ["all", () => true],
      ["keyword", (q) => !NATURAL_KINDS.includes(q.kind)],
      ["natural", (q) => NATURAL_KINDS.includes(q.kind)],
      ...kinds.map((k): [string, (q: GradedQuery) => boolean] => [k, (q) => q.kind === k]),
    ];
    const summary = (r: Rel, keep: (q: GradedQuery) => boolean) => {
      const xs = r.filter((x) => keep(x.q));
      const mean = (g: (x: Rel[number]) => number) => xs.reduce((a, x) => a + g(x), 0) / (xs.length || 1);
      return { n: xs.length, ndcg: mean((x) => x.ndcg), mrr: mean((x) => x.rr), dead: xs.filter((x) => x.dead).length };
    };
    console.log(
      `\nRelevance on ${EVAL_CORPUS.length} graded questions, ${GRADED_QUERIES.length} queries (nDCG@10, MRR, dead = nothing relevant in the first 10):`,
    );
    console.log(`kind          queries  postgres nDCG  MRR    dead   engine nDCG  MRR    dead`);
    for (const [name, keep] of groups) {
      const [a, b] = [summary(relPg, keep), summary(relEngine, keep)];
      console.log(
        `${name.padEnd(14)}${String(a.n).padEnd(9)}${f(a.ndcg).padEnd(15)}${f(a.mrr).padEnd(7)}${String(a.dead).padEnd(7)}${f(b.ndcg).padEnd(13)}${f(b.mrr).padEnd(7)}${b.dead}`,
      );
    }
    for (const [name, r] of [
      ["postgres", relPg],
      ["engine", relEngine],
    ] as const) {
      const dead = r.filter((x) => x.dead).map((x) => x.q.text);
      if (dead.length > 0) console.log(`dead on ${name}: ${dead.join(" | ")}`);
      if (process.env.BENCH_SEARCH_VERBOSE)
        for (const x of r) if (x.ndcg < 0.8) console.log(`  ${name} ${f(x.ndcg)} ${x.q.kind} ${x.q.text}`);
    }
    if (LARGE > 0) {
      // Latency at scale: bulk questions, their search rows (backfilled by migrate), the engine rebuilt from the database.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await bulkFillQuestions(client, LARGE - EVAL_CORPUS.length, 1);
      await client.end();
      const backfillStart = Date.now();
      await migrate(db.url, loadJejuRegions());
      const backfillS = (Date.now() - backfillStart) / 1000;
      const reindexStart = Date.now();
      await enginePath.runPromise(reindexSearch());
      const reindexS = (Date.now() - reindexStart) / 1000;
      // search.questions for every query; question.similar with each natural question as a draft's title.
      const latency = async (runtime: typeof pgPath, similar = false) => {
        const times: number[] = [];
        for (let round = 0; round < ROUNDS; round++)
          for (const q of similar ? GRADED_QUERIES.filter((x) => NATURAL_KINDS.includes(x.kind)) : GRADED_QUERIES) {
            const t0 = performance.now();
            if (similar) await runtime.runPromise(similarQuestions({ title: q.text, content: `${q.text} 아시는 분 알려주세요.` }));
            else await runtime.runPromise(searchQuestions({ query: q.text, size: 10 }));
            times.push(performance.now() - t0);
          }
        return { p50: percentile(times, 50), p95: percentile(times, 95) };
      };
      await latency(pgPath);
      await latency(enginePath);
      const latPg = await latency(pgPath);
      const latEngine = await latency(enginePath);
      const simPg = await latency(pgPath, true);
      const simEngine = await latency(enginePath, true);
      console.log(
        `\nLatency at ${LARGE.toLocaleString()} questions, ${ROUNDS}×${GRADED_QUERIES.length} searches each (ms, through the use case):`,
      );
      console.log(`path        p50     p95`);
      console.log(`postgres    ${latPg.p50.toFixed(1).padEnd(6)}  ${latPg.p95.toFixed(1)}`);
      console.log(`engine      ${latEngine.p50.toFixed(1).padEnd(6)}  ${latEngine.p95.toFixed(1)}`);
      console.log(`question.similar, ${ROUNDS}×${GRADED_QUERIES.filter((x) => NATURAL_KINDS.includes(x.kind)).length} drafts:`);
      console.log(`postgres    ${simPg.p50.toFixed(1).padEnd(6)}  ${simPg.p95.toFixed(1)}`);
      console.log(`engine      ${simEngine.p50.toFixed(1).padEnd(6)}  ${simEngine.p95.toFixed(1)}`);
      console.log(`(search rows backfilled in ${backfillS.toFixed(0)} s; engine rebuilt in ${reindexS.toFixed(0)} s)`);
    }
    await pgPath.dispose();
    await enginePath.dispose();
  } finally {
    await os.indices.delete({ index: `${alias}-*` }).catch(() => {});
    await os.close();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
    if (startedEngine) execFileSync(script, ["stop"], { stdio: "inherit" });
  }
};

await main();
