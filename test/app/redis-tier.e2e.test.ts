import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOwnRedis } from "../support/redis.js";
import { startServer, TEST_METRICS_TOKEN } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BUDGET_MS = 100;

/** The service on a real Redis of the test's own: HTTP caching headers, counted views, and Redis faults. */
describe("the Redis tier, against the running service", () => {
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let api: ReturnType<typeof trpcClient>;
  let token: string;
  let questionId: string;
  beforeAll(async () => {
    redis = await startOwnRedis();
    server = await startServer({
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: String(BUDGET_MS),
      REDIS_BREAKER_COOLDOWN_MS: "500",
      VIEW_FLUSH_INTERVAL_MS: "300",
      LOG_LEVEL: "info",
    });
    api = trpcClient(server.url);
    const asker = await api.mutate("auth.register", { email: "asker@example.kr", password: "제주여행2026!", nickname: "질문자" });
    token = asker.data.token;
    const asked = await api.mutate(
      "question.ask",
      {
        title: "애월 카페 중에 바다 보이는 곳 추천해 주세요",
        content: "주말에 애월에 가는데 바다가 잘 보이는 카페를 찾고 있어요.",
        regionCode: "KR-49-01-02",
      },
      token,
    );
    questionId = asked.data.id;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
  });
  const get = (headers: Record<string, string> = {}) =>
    fetch(`${server.url}/trpc/question.get?input=${encodeURIComponent(JSON.stringify({ id: questionId }))}`, { headers });

  it("anonymous public queries are cacheable with an ETag (304 when unchanged); signed-in answers and mutations are private", async () => {
    const first = await get({ "user-agent": "etag-client" });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=\d+/);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\/"/);
    const again = await get({ "user-agent": "etag-client", "if-none-match": etag ?? "" });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const signedIn = await get({ authorization: `Bearer ${token}` });
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");
    expect(signedIn.headers.get("etag")).toBeNull();
    const regions = await fetch(`${server.url}/trpc/region.list`);
    expect(regions.headers.get("cache-control")).toMatch(/^public, max-age=300/);
    const me = await api.query("user.me", undefined, token);
    expect(me.headers.get("cache-control")).toBe("private, no-store");
  });

  it("counts a view once per viewer and never the author's, and writes them back to PostgreSQL", async () => {
    const view = async (ua: string, auth?: string) => {
      const res = await get({ "user-agent": ua, ...(auth ? { authorization: `Bearer ${auth}` } : {}) });
      return ((await res.json()) as { result: { data: { viewCount: number } } }).result.data.viewCount;
    };
    // Through tRPC's batch, which reads the store: the count as stored plus buffered.
    const observed = async (auth: string) => {
      const res = await fetch(
        `${server.url}/trpc/question.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { id: questionId } }))}`,
        {
          headers: { "user-agent": "observer", authorization: `Bearer ${auth}` },
        },
      );
      return ((await res.json()) as [{ result: { data: { viewCount: number } } }])[0].result.data.viewCount;
    };
    // Readers of the shared page (anonymous, and signed-in ones it fits) see a count that lags by the page's TTL.
    const observer = (await api.mutate("auth.register", { email: "observer@example.kr", password: "제주여행2026!", nickname: "구경꾼" }))
      .data.token as string;
    const start = await observed(observer);
    await view("viewer-count-a");
    await view("viewer-count-a");
    expect(await observed(observer)).toBe(start + 1);
    await view("viewer-count-b");
    expect(await observed(observer)).toBe(start + 2);
    await view("author", token);
    expect(await observed(observer)).toBe(start + 2);
    // A signed-in reader of the shared page is counted once too, by their account (whatever their client).
    await view("reader-phone", observer);
    await view("reader-laptop", observer);
    expect(await observed(observer)).toBe(start + 2);
    // Written back by the timer: the count survives Redis losing its keys.
    await sleep(800);
    await fetch(`${server.url}/healthz`);
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(/dongne_view_flushes_total\{outcome="written"\} [1-9]/);
  });

  it("Redis black-holed (SIGSTOP), then stopped: no request fails or runs long, sessions come from PostgreSQL; logged, counted, and back without a restart", async () => {
    redis.freeze();
    try {
      for (let i = 0; i < 8; i++) {
        const t = performance.now();
        const anonymous = await get({ "user-agent": `frozen-${i}` });
        const signedIn = await api.query("user.me", undefined, token);
        expect(anonymous.status).toBe(200);
        expect(signedIn.status).toBe(200);
        expect(performance.now() - t).toBeLessThan(10 * BUDGET_MS + 1_000);
      }
    } finally {
      redis.thaw();
    }
    await redis.stop();
    for (let i = 0; i < 5; i++) {
      expect((await get({ "user-agent": `stopped-${i}` })).status).toBe(200);
      expect((await api.query("user.me", undefined, token)).status).toBe(200);
    }
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
    expect(metrics).toMatch(/dongne_redis_degraded_total\{[^}]*reason="(timeout|failed)"[^}]*\} [1-9]/);
    expect(server.output()).toContain("redis circuit breaker opened");
    await redis.start();
    await server.logged("redis circuit breaker closed");
    expect((await api.query("user.me", undefined, token)).status).toBe(200);
  }, 60_000);
});
