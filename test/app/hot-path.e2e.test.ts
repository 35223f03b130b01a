import { request } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { startOwnRedis } from "../support/redis.js";
import { startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

const AEWOL = "KR-49-01-02";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const get = (base: string, path: string, input: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}`, { headers });

/** The service process with its own Redis: the serialised hot path, presence, region counts, readiness with Redis down. */
describe("the hot path, presence and region counts", () => {
  let db: TestDatabase;
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    db = await machineDatabase();
    redis = await startOwnRedis();
    // A roomy budget: on a busy shared machine a late command would open the breaker, and this file tests behaviour, not the budget.
    server = await startServer({ DATABASE_URL: db.url, REDIS_URL: redis.url, REDIS_TIMEOUT_MS: "1000" });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
    await db?.drop();
  });

  it("serves anonymous public reads as cached bytes with ETag and 304, the same data a batch gets; typing merged per request", async () => {
    const api = trpcClient(server.url);
    const asker = await api.mutate("auth.register", {
      email: "hot@example.kr",
      password: "제주여행2026!",
      nickname: "질문자",
      regionCode: AEWOL,
    });
    const helper = await api.mutate("auth.register", { email: "typer@example.kr", password: "애월토박이2026!", nickname: "애월토박이" });
    const asked = await api.mutate(
      "question.ask",
      {
        title: "애월 카페 중에 바다 보이는 곳 추천해 주세요",
        content: "주말에 애월에 가는데 바다가 잘 보이는 카페를 찾고 있어요.",
        regionCode: AEWOL,
      },
      asker.data.token,
    );
    const id = asked.data.id as string;

    const first = await get(server.url, "question.get", { id });
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toMatch(/^public, max-age=10/);
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^W\//);
    const body = (await first.json()) as { result: { data: { id: string; createdAt: string; typing: string[]; answers: unknown[] } } };
    expect(body.result.data).toMatchObject({ id, typing: [], answers: [] });
    expect(new Date(body.result.data.createdAt).toISOString()).toBe(body.result.data.createdAt);
    // The same page through tRPC's batch (not the hot path).
    const batch = await fetch(`${server.url}/trpc/question.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { id } }))}`);
    const [viaBatch] = (await batch.json()) as [{ result: { data: unknown } }];
    expect(viaBatch.result.data).toEqual(body.result.data);
    // A client holding the version gets 304, no body.
    const again = await get(server.url, "question.get", { id }, { "if-none-match": etag ?? "" });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    // Signed in: private, not from the shared page.
    const signedIn = await api.query("question.get", { id }, asker.data.token);
    expect(signedIn.headers.get("cache-control")).toBe("private, no-store");

    // Someone typing shows on the next read (merged into the cached bytes), with another ETag; not to the typer.
    expect((await api.mutate("presence.typing", { questionId: id }, helper.data.token)).data).toEqual({
      questionId: id,
      expiresInSeconds: 10,
    });
    const typed = await get(server.url, "question.get", { id }, { "if-none-match": etag ?? "" });
    expect(typed.status).toBe(200);
    expect(((await typed.json()) as { result: { data: { typing: string[] } } }).result.data.typing).toEqual(["애월토박이"]);
    expect((await api.query("question.get", { id }, helper.data.token)).data.typing).toEqual([]);
    expect((await api.query("question.get", { id }, asker.data.token)).data.typing).toEqual(["애월토박이"]);

    // A bad input and an unknown question fall through to tRPC's typed errors.
    expect((await get(server.url, "question.get", { id: "nope" })).status).toBe(400);
    expect((await get(server.url, "question.get", { id: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);

    for (const [path, input] of [
      ["question.list", { limit: 20 }],
      ["region.list", undefined],
      ["search.trending", { range: "24h" }],
      ["region.stats", { regionCode: AEWOL }],
    ] as const) {
      const res = await get(server.url, path, input);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toMatch(/^public/);
      const tag = res.headers.get("etag") ?? "";
      expect((await get(server.url, path, input, { "if-none-match": tag })).status, path).toBe(304);
    }
    // A client that accepts gzip gets a kept page's bytes compressed (made once per cached copy), the same JSON inside.
    const raw = (headers: Record<string, string>) =>
      new Promise<{ headers: import("node:http").IncomingHttpHeaders; body: Buffer }>((done, fail) => {
        const url = new URL(`${server.url}/trpc/region.list`);
        request(url, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => done({ headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on("error", fail)
          .end();
      });
    const identity = await raw({});
    const zipped = await raw({ "accept-encoding": "br, gzip;q=0.9" });
    expect(identity.headers["content-encoding"]).toBeUndefined();
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/);
    expect(zipped.body.length).toBeLessThan(identity.body.length / 2);
    expect(gunzipSync(zipped.body).toString()).toBe(identity.body.toString());
    expect((await raw({ "accept-encoding": "gzip;q=0" })).headers["content-encoding"]).toBeUndefined();
    // REST reads carry the same caching.
    const rest = await fetch(`${server.url}/api/v1/questions/${id}`);
    expect(rest.headers.get("cache-control")).toMatch(/^public/);
    const restAgain = await fetch(`${server.url}/api/v1/questions/${id}`, { headers: { "if-none-match": rest.headers.get("etag") ?? "" } });
    expect(restAgain.status).toBe(304);
  }, 60_000);

  it("counts a region's questions and users from PostgreSQL, and who is online there", async () => {
    const api = trpcClient(server.url);
    // The ask's QuestionChanged drops every region:stats entry (the warm-up cached them at start) within the
    // dispatcher's poll; a busy machine may take a few seconds.
    const stats = async () => (await api.query("region.stats", { regionCode: AEWOL })).data;
    for (let i = 0; i < 50 && (await stats()).questionCount === 0; i++) await sleep(100);
    // The asker lives in Aewol and asked one question there (the first test).
    expect(await stats()).toEqual({ regionCode: AEWOL, questionCount: 1, userCount: 1 });
    expect((await api.query("region.stats", { regionCode: "KR-49" })).data.questionCount).toBe(1);
    expect((await api.query("region.stats", { regionCode: "KR-00" })).error?.data.code).toBe("REGION_NOT_FOUND");
    // The asker's requests marked them online in Aewol and every region above it.
    const online = async (code: string) => (await api.query("presence.online", { regionCode: code })).data.online as number;
    for (let i = 0; i < 20 && (await online(AEWOL)) === 0; i++) await sleep(100);
    expect(await online(AEWOL)).toBe(1);
    expect(await online("KR-49")).toBe(1);
    expect(await online("KR-49-02-05")).toBe(0);
  }, 30_000);

  it("serves signed-in readers the shared bytes only where they fit: not the asker, not right after their own write, not withheld answers", async () => {
    const api = trpcClient(server.url);
    const asker = await api.mutate("auth.register", {
      email: "hot-asker@example.kr",
      password: "한림바다2026!",
      nickname: "한림사람",
      consents: { terms: true, privacy: true, location: true },
    });
    const reader = (await api.mutate("auth.register", { email: "hot-reader@example.kr", password: "협재해변2026!", nickname: "읽는이" }))
      .data.token as string;
    const answerer = (
      await api.mutate("auth.register", { email: "hot-answerer@example.kr", password: "금능해변2026!", nickname: "답하는이" })
    ).data.token as string;
    const exact = { lat: 33.394123, lng: 126.239687 };
    const asked = await api.mutate(
      "question.ask",
      {
        title: "협재 근처 조용한 숙소 있을까요?",
        content: "협재 해변 가까이 조용한 숙소를 찾고 있어요.",
        regionCode: "KR-49-01-01",
        location: exact,
      },
      asker.data.token,
    );
    expect(asked.error ?? asked.data).toMatchObject({ id: expect.any(String) });
    const id = asked.data.id as string;
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    type Page = { result: { data: { location: { lat: number; lng: number }; answers: { content: string }[]; typing: unknown[] } } };

    // A reader: the shared page (coarsened location), private, the same data tRPC's batch gives them.
    const viaHot = await get(server.url, "question.get", { id }, bearer(reader));
    expect(viaHot.status).toBe(200);
    expect(viaHot.headers.get("cache-control")).toBe("private, no-store");
    const page = ((await viaHot.json()) as Page).result.data;
    expect(page.location).not.toEqual(exact);
    const batch = await fetch(`${server.url}/trpc/question.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { id } }))}`, {
      headers: bearer(reader),
    });
    const [viaTrpc] = (await batch.json()) as [{ result: { data: Record<string, unknown> } }];
    expect({ ...viaTrpc.result.data, viewCount: 0 }).toEqual({ ...page, viewCount: 0 });
    // The asker: their own exact location, from the store.
    const own = ((await (await get(server.url, "question.get", { id }, bearer(asker.data.token))).json()) as Page).result.data;
    expect(own.location).toMatchObject(exact);
    // A first page that lists the asker's question: the shared list for the reader, the store for the asker.
    const listed = (token: string) =>
      get(server.url, "question.list", { regionCode: asked.data.regionCode }, bearer(token)).then(
        async (r) => ((await r.json()) as { result: { data: { items: { id: string; location: unknown }[] } } }).result.data.items,
      );
    expect((await listed(reader)).find((q) => q.id === id)?.location).not.toMatchObject(exact);
    expect((await listed(asker.data.token)).find((q) => q.id === id)?.location).toMatchObject(exact);

    // Read your writes: the answerer's page shows their answer at once, before the cache is dropped (the outbox).
    await api.mutate("answer.create", { questionId: id, content: "협재 마을 안쪽 민박이 조용해요. 해변까지 걸어서 5분이에요." }, answerer);
    const mine = ((await (await get(server.url, "question.get", { id }, bearer(answerer))).json()) as Page).result.data;
    expect(mine.answers.map((a) => a.content)).toContain("협재 마을 안쪽 민박이 조용해요. 해변까지 걸어서 5분이에요.");
    // Everyone else within the staleness bound.
    const seen = async () =>
      ((await (await get(server.url, "question.get", { id }, bearer(reader))).json()) as Page).result.data.answers.length === 1;
    let fresh = false;
    for (let i = 0; i < 40 && !fresh; i++) {
      fresh = await seen();
      if (!fresh) await sleep(100);
    }
    expect(fresh).toBe(true);

    // An answer hidden pending review (three flags) is withheld from the shared page: its author still sees it, others do not.
    const rude = (await api.mutate("auth.register", { email: "hot-rude@example.kr", password: "곽지해변2026!", nickname: "성급한이" })).data
      .token as string;
    const flagged = await api.mutate("answer.create", { questionId: id, content: "거기 숙소는 다 비싸요. 다른 동네로 가세요." }, rude);
    for (const flagger of [asker.data.token as string, reader, answerer])
      expect(
        (await api.mutate("moderation.flag", { targetType: "answer", targetId: flagged.data.id, reason: "spam" }, flagger)).status,
      ).toBe(200);
    const answersFor = async (token?: string) =>
      ((await (await get(server.url, "question.get", { id }, token ? bearer(token) : {})).json()) as Page).result.data.answers.length;
    await sleep(1_500);
    expect(await answersFor()).toBe(1);
    expect(await answersFor(reader)).toBe(1);
    expect(await answersFor(rude)).toBe(2);

    // A bad or revoked token is not treated as anonymous by the hot path: tRPC answers it as it always did.
    const bogus = await get(server.url, "question.get", { id }, bearer("not-a-session-token"));
    const viaTrpcBogus = await fetch(`${server.url}/trpc/question.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 0: { id } }))}`, {
      headers: bearer("not-a-session-token"),
    });
    expect(bogus.status).toBe(viaTrpcBogus.status);
  });

  it("reports Redis in /readyz: degraded, not 503, while it is down", async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, string> }).checks.redis).toBe("up");
    redis.freeze();
    try {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "degraded", checks: { redis: "down", database: "up" } });
      // Public reads still answer (L1 or PostgreSQL).
      expect((await get(server.url, "region.list", undefined)).status).toBe(200);
    } finally {
      redis.thaw();
    }
  }, 30_000);
});
