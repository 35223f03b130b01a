import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startHangingServer } from "../support/hangingServer.js";
import { SEARCH_ENGINE_URL, searchClient } from "../support/searchEngine.js";
import { startServer, TEST_METRICS_TOKEN } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

const question = {
  title: "우도 땅콩아이스크림 어디가 맛있어요?",
  content: "우도에 들어가면 꼭 먹어보라는 땅콩아이스크림 가게를 추천해 주세요.",
  hashtags: ["우도", "땅콩아이스크림"],
  regionCode: "KR-49-01-07",
};

const metric = async (url: string, name: string) => {
  const text = await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
  return text
    .split("\n")
    .filter((l) => l.startsWith(name))
    .reduce((sum, l) => sum + Number(l.split(" ").at(-1)), 0);
};

const eventually = async (check: () => Promise<boolean>, ms = 20_000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
};

describe("search with the engine configured (real service, real engine)", () => {
  it("feeds the engine through the outbox and searches it, with no fallback", async () => {
    const alias = `dongne-e2e-${randomBytes(4).toString("hex")}`;
    const server = await startServer({ SEARCH_ENGINE_URL, SEARCH_INDEX_ALIAS: alias });
    try {
      const api = trpcClient(server.url);
      const user = await api.mutate("auth.register", { email: "engine@example.kr", password: "비밀번호12345", nickname: "우도여행" });
      await api.mutate("question.ask", question, user.data.token);
      const client = searchClient();
      expect(
        await eventually(async () => ((await client.count({ index: alias }).catch(() => ({ body: { count: 0 } }))).body.count ?? 0) === 1),
      ).toBe(true);
      // The start's cache warm-up may have fallen back while the index was being created; this search must not.
      const fallbacksBefore = await metric(server.url, "dongne_search_fallback_total");
      const res = await api.query("search.questions", { query: "땅콩 아이스크림" });
      expect(res.data.hits.map((h: { title: string }) => h.title)).toEqual([question.title]);
      expect(res.data.degraded).toBe(false);
      expect(await metric(server.url, "dongne_search_fallback_total")).toBe(fallbacksBefore);
      expect(await metric(server.url, "dongne_search_outbox_pending")).toBe(0);
      await client.indices.delete({ index: `${alias}-*` }).catch(() => {});
    } finally {
      await server.stop();
    }
  });

  it("with the engine unreachable, users still get results from PostgreSQL, marked degraded; it is logged and counted", async () => {
    const server = await startServer({ SEARCH_ENGINE_URL: "http://127.0.0.1:9", LOG_LEVEL: "info" });
    try {
      const api = trpcClient(server.url);
      const user = await api.mutate("auth.register", { email: "fallback@example.kr", password: "비밀번호12345", nickname: "우도여행" });
      await api.mutate("question.ask", question, user.data.token);
      const res = await api.query("search.questions", { query: "땅콩아이스크림" });
      expect(res.status).toBe(200);
      expect(res.data.hits.map((h: { title: string }) => h.title)).toEqual([question.title]);
      expect(res.data.degraded).toBe(true);
      const suggest = await api.query("search.suggest", { prefix: "우도" });
      expect(suggest.data).toEqual({ suggestions: [question.title], degraded: true });
      expect(await metric(server.url, 'dongne_search_fallback_total{operation="search"')).toBeGreaterThanOrEqual(1);
      expect(server.output()).toContain("answered from PostgreSQL");
      // the outbox keeps the change for when the engine is back, and the gauge says so (read from the table)
      expect(await metric(server.url, "dongne_search_outbox_pending")).toBe(1);
    } finally {
      await server.stop();
    }
  });

  it("with the engine hanging: answers within the budget, marked degraded; the breaker opens and the engine is left alone", async () => {
    const hanging = await startHangingServer();
    const server = await startServer({
      SEARCH_ENGINE_URL: hanging.url,
      SEARCH_ENGINE_TIMEOUT_MS: "300",
      SEARCH_BREAKER_FAILURES: "2",
      SEARCH_BREAKER_COOLDOWN_MS: "600000",
      LOG_LEVEL: "info",
    });
    try {
      const api = trpcClient(server.url);
      const user = await api.mutate("auth.register", { email: "hanging@example.kr", password: "비밀번호12345", nickname: "우도여행" });
      await api.mutate("question.ask", question, user.data.token);
      for (const query of ["땅콩아이스크림", "우도 땅콩"]) {
        const res = await api.query("search.questions", { query });
        expect(res.data.hits.map((h: { title: string }) => h.title)).toEqual([question.title]);
        expect(res.data.degraded).toBe(true);
      }
      await server.logged("circuit breaker opened");
      expect(await metric(server.url, 'dongne_search_breaker_transitions_total{to="open"}')).toBe(1);
      expect(await metric(server.url, "dongne_search_breaker_open")).toBe(1);

      const sent = hanging.received("_search");
      expect(sent).toBeGreaterThanOrEqual(1);
      const shortCircuitedBefore = await metric(server.url, 'dongne_search_fallback_total{operation="search",reason="circuit_open"}');
      const search = await api.query("search.questions", { query: "땅콩아이스크림" });
      const suggest = await api.query("search.suggest", { prefix: "우도", regionCode: "KR-49-01" });
      // Trending may come from the public cache (warmed at start, 900 s), which holds no engine answer to mark;
      // the ask drops it through the outbox (asynchronously), so the question's category shows within moments.
      const trendingHasCategory = async () =>
        ((await api.query("search.trending", { range: "24h" })).data.keywords as { type: string }[]).some((k) => k.type === "category");
      expect([search.data.degraded, suggest.data.degraded]).toEqual([true, true]);
      expect(suggest.data.suggestions).toEqual([question.title]);
      expect(await eventually(trendingHasCategory, 10_000)).toBe(true);
      expect(hanging.received("_search")).toBe(sent);
      // One search runs up to four passes when matches are thin (strict, relaxed, typos, any word): each is one
      // engine call the open breaker sends to PostgreSQL.
      const shortCircuited =
        (await metric(server.url, 'dongne_search_fallback_total{operation="search",reason="circuit_open"}')) - shortCircuitedBefore;
      expect(shortCircuited).toBeGreaterThanOrEqual(1);
      expect(shortCircuited).toBeLessThanOrEqual(4);
      expect(await metric(server.url, "dongne_search_outbox_pending")).toBe(1);
    } finally {
      await server.stop();
      await hanging.close();
    }
  });

  it("an engine that comes back empty gets its index and alias back, refilled from the database", async () => {
    const alias = `dongne-e2e-empty-${randomBytes(4).toString("hex")}`;
    const server = await startServer({ SEARCH_ENGINE_URL, SEARCH_INDEX_ALIAS: alias });
    const client = searchClient();
    const count = async () => ((await client.count({ index: alias }).catch(() => ({ body: { count: 0 } }))).body.count ?? 0) as number;
    try {
      const api = trpcClient(server.url);
      const user = await api.mutate("auth.register", { email: "empty@example.kr", password: "비밀번호12345", nickname: "우도여행" });
      await api.mutate("question.ask", question, user.data.token);
      expect(await eventually(async () => (await count()) === 1)).toBe(true);
      // the engine loses everything behind this alias (as a restart of the test engine does)
      await client.indices.delete({ index: `${alias}-*` });
      expect((await client.indices.existsAlias({ name: alias })).body).toBe(false);

      expect(await eventually(async () => (await client.indices.existsAlias({ name: alias })).body && (await count()) === 1, 30_000)).toBe(
        true,
      );
      await server.logged("search index was missing");
      // The errors while the index was gone may have opened the breaker: once it lets a call through, the engine answers again.
      let res = await api.query("search.questions", { query: "땅콩 아이스크림" });
      expect(res.data.hits.map((h: { title: string }) => h.title)).toEqual([question.title]);
      expect(
        await eventually(async () => {
          res = await api.query("search.questions", { query: "땅콩 아이스크림" });
          return res.data.degraded === false;
        }),
      ).toBe(true);
      expect(res.data.hits.map((h: { title: string }) => h.title)).toEqual([question.title]);
    } finally {
      await server.stop();
      await client.indices.delete({ index: `${alias}-*` }).catch(() => {});
      await client.close();
    }
  }, 60_000);
});
