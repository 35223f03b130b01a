import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SEARCH_ENGINE_URL, searchClient } from "../support/searchEngine.js";
import { startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

const question = {
  title: "우도 땅콩아이스크림 어디가 맛있어요?",
  content: "우도에 들어가면 꼭 먹어보라는 땅콩아이스크림 가게를 추천해 주세요.",
  hashtags: ["우도", "땅콩아이스크림"],
  regionCode: "KR-49-01-07",
};

const metric = async (url: string, name: string) => {
  const text = await (await fetch(`${url}/metrics`)).text();
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
      const res = await api.query("search.questions", { query: "땅콩 아이스크림" });
      expect(res.data.hits.map((h: { title: string }) => h.title)).toEqual([question.title]);
      expect(await metric(server.url, "dongne_search_fallback_total")).toBe(0);
      expect(await metric(server.url, "dongne_search_outbox_pending")).toBe(0);
      await client.indices.delete({ index: `${alias}-*` }).catch(() => {});
    } finally {
      await server.stop();
    }
  });

  it("with the engine unreachable, users still get results from PostgreSQL; it is logged and counted", async () => {
    const server = await startServer({ SEARCH_ENGINE_URL: "http://127.0.0.1:9", LOG_LEVEL: "info" });
    try {
      const api = trpcClient(server.url);
      const user = await api.mutate("auth.register", { email: "fallback@example.kr", password: "비밀번호12345", nickname: "우도여행" });
      await api.mutate("question.ask", question, user.data.token);
      const res = await api.query("search.questions", { query: "땅콩아이스크림" });
      expect(res.status).toBe(200);
      expect(res.data.hits.map((h: { title: string }) => h.title)).toEqual([question.title]);
      expect((await api.query("search.suggest", { prefix: "우도" })).data.suggestions).toEqual([question.title]);
      expect(await metric(server.url, 'dongne_search_fallback_total{operation="search"}')).toBeGreaterThanOrEqual(1);
      expect(server.output()).toContain("answered from PostgreSQL");
      // the outbox keeps the change for when the engine is back
      expect(await metric(server.url, "dongne_search_outbox_pending")).toBeGreaterThanOrEqual(0);
    } finally {
      await server.stop();
    }
  });
});
