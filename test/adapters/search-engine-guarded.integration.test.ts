import { createServer } from "node:net";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Metrics } from "../../src/app/metrics.js";
import { SearchIndex } from "../../src/application/ports/SearchIndex.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { parseQuery } from "../../src/domain/search/query.js";
import { questionN, storeQuestions, userN } from "../contract/fixtures.js";
import { searchIndexContract } from "../contract/SearchIndex.contract.js";
import { guardedEngineHarness } from "../support/guardedEngineHarness.js";
import { startHangingServer } from "../support/hangingServer.js";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { SEARCH_ENGINE_URL } from "../support/searchEngine.js";

/** A port nothing listens on: connections are refused at once. */
const closedPort = async () => {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  return typeof address === "object" && address ? address.port : 1;
};

const metricSum = async (metrics: Metrics, name: string, labels: Record<string, string> = {}) => {
  const m = (await metrics.registry.getMetricsAsJSON()).find((x) => x.name === name);
  return (m?.values ?? [])
    .filter((v) => Object.entries(labels).every(([k, want]) => v.labels[k] === want))
    .reduce((s, v) => s + Number(v.value), 0);
};

// A short budget keeps the hanging runs quick; the default (1 s) is tested in search-engine-guard.test.ts.
const env = { SEARCH_ENGINE_TIMEOUT_MS: "200" };

describe("search as the service wires it with an engine (budget, breaker, PostgreSQL fallback)", () => {
  let db: TestDatabase;
  let hanging: Awaited<ReturnType<typeof startHangingServer>>;
  let refusing: string;
  beforeAll(async () => {
    db = await machineDatabase();
    hanging = await startHangingServer();
    refusing = `http://127.0.0.1:${await closedPort()}`;
  }, 120_000);
  afterAll(async () => {
    await hanging?.close();
    await db?.drop();
  });

  searchIndexContract(
    "wired, the real engine behind",
    guardedEngineHarness(
      () => db,
      () => ({ url: SEARCH_ENGINE_URL, live: true }),
      { env },
    ),
  );
  searchIndexContract(
    "wired, a hanging engine behind (PostgreSQL answers)",
    guardedEngineHarness(
      () => db,
      () => ({ url: hanging.url, live: false }),
      { env },
    ),
  );
  searchIndexContract(
    "wired, a refusing engine behind (PostgreSQL answers)",
    guardedEngineHarness(
      () => db,
      () => ({ url: refusing, live: false }),
      { env },
    ),
  );

  const u = userN(1);
  const q = questionN(1, u, { title: "애월 바다 보이는 카페 있나요", regionCode: "KR-49-01-01" });
  const search = { query: parseQuery("애월 카페"), filters: {}, sort: "relevance", offset: 0, limit: 5, allowTypos: false } as const;

  it("with the engine healthy, answers are the engine's, not degraded, and nothing is counted as a fallback", async () => {
    let metrics: Metrics | undefined;
    const h = await guardedEngineHarness(
      () => db,
      () => ({ url: SEARCH_ENGINE_URL, live: true }),
      { env, onMetrics: (m) => (metrics = m) },
    )();
    try {
      await h.run(UserRepository.use((r) => r.insert(u)));
      await h.run(storeQuestions([q], () => u));
      await h.settle?.();
      const page = await h.run(SearchIndex.use((s) => s.search(search)));
      expect(page.hits.map((x) => x.question.id)).toEqual([q.id]);
      expect(page.degraded).toBeUndefined();
      expect((await h.run(SearchIndex.use((s) => s.suggest("애월", 5)))).degraded).toBeUndefined();
      expect(await metricSum(metrics as Metrics, "dongne_search_fallback_total")).toBe(0);
    } finally {
      await h.dispose();
    }
  });

  it("with the engine hanging: degraded answers, the breaker opens, and then nothing more is sent to the engine", async () => {
    let metrics: Metrics | undefined;
    const h = await guardedEngineHarness(
      () => db,
      () => ({ url: hanging.url, live: false }),
      { env: { ...env, SEARCH_BREAKER_FAILURES: "2", SEARCH_BREAKER_COOLDOWN_MS: "600000" }, onMetrics: (m) => (metrics = m) },
    )();
    try {
      await h.run(UserRepository.use((r) => r.insert(u)));
      await h.run(storeQuestions([q], () => u));
      const first = await h.run(SearchIndex.use((s) => s.search(search)));
      expect(first.hits.map((x) => x.question.id)).toEqual([q.id]);
      expect(first.degraded).toBe(true);
      expect((await h.run(SearchIndex.use((s) => s.suggest("애월", 5, "KR-49-01")))).degraded).toBe(true);
      const m = metrics as Metrics;
      expect(await metricSum(m, "dongne_search_breaker_transitions_total", { to: "open" })).toBe(1);
      expect(await metricSum(m, "dongne_search_breaker_open")).toBe(1);

      const sent = hanging.received("_search");
      const answers = await h.run(
        SearchIndex.use((s) => Effect.all([s.search(search), s.suggest("애월", 5), s.categoryCountsSince(new Date(0))])),
      );
      expect(answers.map((a) => a.degraded)).toEqual([true, true, true]);
      expect(hanging.received("_search")).toBe(sent);
      expect(await metricSum(m, "dongne_search_fallback_total", { reason: "timeout" })).toBe(2);
      expect(await metricSum(m, "dongne_search_fallback_total", { reason: "circuit_open" })).toBe(3);
    } finally {
      await h.dispose();
    }
  });
});
