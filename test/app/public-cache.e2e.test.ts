import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { startOwnRedis } from "../support/redis.js";
import { startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The documented bound: the outbox dispatcher's idle poll (1 s) plus a batch and the pub/sub hop. */
const STALENESS_BOUND_MS = 3_000;

/** Two service processes on one PostgreSQL and one Redis: a write through A is not served stale by B beyond the bound. */
describe("the public cache across two service processes", () => {
  let db: TestDatabase;
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;
  let a: Awaited<ReturnType<typeof startServer>>;
  let b: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    db = await machineDatabase();
    redis = await startOwnRedis();
    // A roomy Redis budget: on a busy shared machine a late command would open the breaker; this file tests the bound.
    const env = { DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_TIMEOUT_MS: "1000" };
    // One after the other: the first applies the migrations and the region rows.
    a = await startServer(env);
    b = await startServer(env);
  }, 180_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
    await db?.drop();
  });

  /** How long until `check` holds on what B answers an anonymous reader. */
  const untilOnB = async (check: () => Promise<boolean>) => {
    const t = Date.now();
    while (Date.now() - t < 10_000) {
      if (await check()) return Date.now() - t;
      await sleep(50);
    }
    return Number.POSITIVE_INFINITY;
  };

  it("an answer and a new question written through A reach B's anonymous readers within the bound; the writer reads back fresh", async () => {
    const apiA = trpcClient(a.url);
    const apiB = trpcClient(b.url);
    const asker = await apiA.mutate("auth.register", { email: "asker@example.kr", password: "제주여행2026!", nickname: "질문자" });
    const local = await apiA.mutate("auth.register", { email: "local@example.kr", password: "애월토박이2026!", nickname: "애월토박이" });
    const asked = await apiA.mutate(
      "question.ask",
      {
        title: "애월 카페 중에 바다 보이는 곳 추천해 주세요",
        content: "주말에 애월에 가는데 바다가 잘 보이는 카페를 찾고 있어요.",
        regionCode: "KR-49-01-02",
      },
      asker.data.token,
    );
    const id = asked.data.id as string;
    // Cached on both instances (L1) and in Redis (L2).
    for (const api of [apiA, apiB]) expect((await api.query("question.get", { id })).data.answers).toEqual([]);
    const list = { limit: 20, sort: "newest" };
    expect((await apiB.query("question.list", list)).data.items.map((q: { id: string }) => q.id)).toEqual([id]);

    const answered = await apiA.mutate(
      "answer.create",
      { questionId: id, content: "한담해변 쪽 카페들이 바다가 바로 보여요. 해 질 녘에 가 보세요." },
      local.data.token,
    );
    expect(answered.status).toBe(200);
    // The writer (signed in) reads its own write at once: signed-in readers never get the shared page.
    expect((await apiA.query("question.get", { id }, local.data.token)).data.answers).toHaveLength(1);
    const answerSeen = await untilOnB(async () => (await apiB.query("question.get", { id })).data.answers.length === 1);
    expect(answerSeen).toBeLessThan(STALENESS_BOUND_MS);

    const second = await apiA.mutate(
      "question.ask",
      {
        title: "성산일출봉 일출 보려면 몇 시에 출발하나요",
        content: "제주시내에서 성산일출봉 일출을 보러 가려면 몇 시에 출발해야 할까요?",
        regionCode: "KR-49-02-05",
      },
      asker.data.token,
    );
    const listSeen = await untilOnB(async () => (await apiB.query("question.list", list)).data.items[0]?.id === second.data.id);
    expect(listSeen).toBeLessThan(STALENESS_BOUND_MS);
  }, 60_000);
});
