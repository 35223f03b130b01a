import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

let server: Awaited<ReturnType<typeof startServer>>;
let api: ReturnType<typeof trpcClient>;

beforeAll(async () => {
  server = await startServer();
  api = trpcClient(server.url);
});
afterAll(() => server.stop());

const question = {
  title: "성산일출봉 일출 보려면 몇 시에 출발해야 하나요?",
  content: "내일 새벽에 성산일출봉 일출을 보려고 합니다. 제주시내에서 몇 시쯤 출발하면 될까요?",
  hashtags: ["#일출", "성산"],
  regionCode: "KR-49-02-05",
};

describe("HTTP end to end, against the running service", () => {
  it("answers liveness and readiness", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "up" } });
  });

  it("register two users, ask, answer, accept: the answerer gains 150 points and the Korean notification", async () => {
    const asker = await api.mutate("auth.register", { email: "visitor@example.kr", password: "제주여행2026!", nickname: "여행자" });
    expect(asker.status).toBe(200);
    expect(asker.headers.get("set-cookie")).toMatch(/dongne_session=.*HttpOnly/i);
    const local = await api.mutate("auth.register", {
      email: "local@example.kr",
      password: "성산토박이2026!",
      nickname: "성산토박이",
      regionCode: "KR-49-02-05",
    });
    const askerToken = asker.data.token as string;
    const localToken = local.data.token as string;

    const asked = await api.mutate("question.ask", question, askerToken);
    expect(asked.status).toBe(200);
    expect(asked.data).toMatchObject({ status: "open", category: "sightseeing", hashtags: ["일출", "성산"], regionCode: "KR-49-02-05" });
    expect(asked.data.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const answered = await api.mutate(
      "answer.create",
      { questionId: asked.data.id, content: "일출 30분 전에는 매표소에 도착하세요. 시내에서 차로 1시간 정도 걸려요." },
      localToken,
    );
    expect(answered.status).toBe(200);

    const before = await api.query("points.balance", undefined, localToken);
    const accepted = await api.mutate("answer.accept", { answerId: answered.data.id }, askerToken);
    expect(accepted.status).toBe(200);
    expect(accepted.data).toMatchObject({
      pointsAwarded: 150,
      question: { status: "answered", acceptedAnswerId: answered.data.id },
      answer: { isAccepted: true },
    });

    const after = await api.query("points.balance", undefined, localToken);
    expect(after.data.balance - before.data.balance).toBe(150);
    const me = await api.query("user.me", undefined, localToken);
    expect(me.data).toMatchObject({ pointBalance: after.data.balance, counters: { answers: 1, acceptedAnswers: 1 } });

    const notes = await api.query("notification.list", undefined, localToken);
    const note = notes.data.items.find((n: { type: string }) => n.type === "answer_accepted");
    expect(note).toMatchObject({
      title: "답변이 채택되었습니다!",
      message: `"${question.title}" 질문에 대한 답변이 채택되어 150 포인트를 획득했습니다.`,
      isRead: false,
    });
    expect((await api.query("notification.unreadCount", undefined, localToken)).data.count).toBeGreaterThan(0);

    const again = await api.mutate("answer.accept", { answerId: answered.data.id }, askerToken);
    expect(again.status).toBe(409);
    expect(again.error?.data.code).toBe("ANSWER_ALREADY_ACCEPTED");

    const got = await api.query("question.get", { id: asked.data.id });
    expect(got.data.answers[0]).toMatchObject({ isAccepted: true, author: { nickname: "성산토박이" } });
  });

  it("bad input: BAD_REQUEST with field issues and a domain code, and nothing is written", async () => {
    const user = await api.mutate("auth.register", { email: "short@example.kr", password: "비밀번호12345", nickname: "짧은제목" });
    const token = user.data.token as string;
    const listBefore = await api.query("question.list", { limit: 50 });

    const short = await api.mutate("question.ask", { ...question, title: "일출?" }, token);
    expect(short.status).toBe(400);
    expect(short.error?.data.code).toBe("QUESTION_TITLE_LENGTH");
    expect(short.error?.data.fieldErrors.title?.[0]).toContain("10자");
    expect(short.error?.message).toBe("질문 제목은 10자 이상 200자 이하로 입력해 주세요.");

    const malformed = await api.mutate("question.ask", { ...question, urgency: "asap", extra: 1 }, token);
    expect(malformed.status).toBe(400);
    expect(malformed.error?.data.code).toBe("INVALID_INPUT");
    expect(Object.keys(malformed.error?.data.fieldErrors ?? {})).toEqual(expect.arrayContaining(["urgency"]));

    const tooManyTags = await api.mutate("question.ask", { ...question, hashtags: ["a", "b", "c", "d", "e", "f"] }, token);
    expect(tooManyTags.error?.data.code).toBe("TOO_MANY_HASHTAGS");

    const listAfter = await api.query("question.list", { limit: 50 });
    expect(listAfter.data.items).toEqual(listBefore.data.items);
    const me = await api.query("user.me", undefined, token);
    expect(me.data.counters.questions).toBe(0);
    expect(me.data.pointBalance).toBe(0);
  });

  it("unauthenticated calls get UNAUTHORIZED; errors carry no stack trace", async () => {
    const res = await api.mutate("question.ask", question);
    expect(res.status).toBe(401);
    expect(res.error?.data.code).toBe("UNAUTHENTICATED");
    expect(res.error?.message).toBe("로그인이 필요해요.");
    expect(JSON.stringify(res.error)).not.toMatch(/stack|at .*\.ts:\d+/);
    const forged = await api.query("user.me", undefined, "forged-token");
    expect(forged.status).toBe(401);
  });

  it("login and logout: the token stops working", async () => {
    await api.mutate("auth.register", { email: "inout@example.kr", password: "비밀번호12345", nickname: "출입" });
    const wrong = await api.mutate("auth.login", { email: "inout@example.kr", password: "틀렸어요12345" });
    expect(wrong.status).toBe(401);
    expect(wrong.error?.data.code).toBe("INVALID_CREDENTIALS");
    const ok = await api.mutate("auth.login", { email: "INOUT@example.kr", password: "비밀번호12345" });
    expect(ok.status).toBe(200);
    expect((await api.query("user.me", undefined, ok.data.token)).status).toBe(200);
    expect((await api.mutate("auth.logout", undefined, ok.data.token)).data).toEqual({ ok: true });
    expect((await api.query("user.me", undefined, ok.data.token)).status).toBe(401);
  });

  it("regions: list and locate, with the boundary attribution", async () => {
    const regions = await api.query("region.list", { parentCode: "KR-49-02" });
    expect(regions.data.regions.map((r: { name: string }) => r.name)).toContain("성산읍");
    expect(regions.data.attribution).toContain("공공누리");
    const located = await api.query("region.locate", { lat: 33.5065, lng: 126.9532 });
    expect(located.data).toMatchObject({ code: "KR-49-01-07", name: "우도면", nameEn: "Udo-myeon" });
  });

  it("50 simultaneous accept requests over HTTP: one 200, the rest 409 CONFLICT, never a 500", async () => {
    const asker = await api.mutate("auth.register", { email: "burst-asker@example.kr", password: "비밀번호12345", nickname: "몰림" });
    const q = await api.mutate("question.ask", { ...question, title: "애월 카페 중에 주차 편한 곳 알려주세요" }, asker.data.token);
    const answers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const u = await api.mutate("auth.register", { email: `burst${i}@example.kr`, password: "비밀번호12345", nickname: `주민${i}` });
      answers.push(
        (
          await api.mutate(
            "answer.create",
            { questionId: q.data.id, content: "한담 쪽 카페들이 주차장이 넓어요. 추천합니다." },
            u.data.token,
          )
        ).data.id,
      );
    }
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.mutate("answer.accept", { answerId: answers[i % 5] }, asker.data.token)),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
  });

  it("search: Korean queries over HTTP on PostgreSQL, with highlights, facets, suggestions and trending", async () => {
    const res = await api.query("search.questions", { query: "성산일출봉을", filters: { regionCode: "KR-49-02" } });
    expect(res.status).toBe(200);
    expect(res.data.hits[0]).toMatchObject({
      title: question.title,
      highlight: { title: expect.stringContaining("<mark>성산일출봉</mark>") },
    });
    expect(res.data.facets.categories).toContainEqual({ key: "sightseeing", label: "관광", count: 1 });
    expect((await api.query("search.questions", { query: "ㅅㅅㅇㅊㅂ" })).data.total).toBeGreaterThan(0);
    expect((await api.query("search.questions", { query: "tjdtksdlfcnfqhd" })).data.hits[0]?.title).toBe(question.title);
    expect((await api.query("search.suggest", { prefix: "성산" })).data.suggestions).toContain(question.title);
    const trending = await api.query("search.trending", { range: "24h" });
    expect(trending.data.keywords.map((k: { keyword: string }) => k.keyword)).toContain("일출");
    const bad = await api.query("search.questions", { sort: "best" });
    expect(bad.status).toBe(400);
  });

  it("natural questions and similar questions while asking, over HTTP", async () => {
    const natural = await api.query("search.questions", { query: "성산일출봉 일출 보려면 몇 시에 가야 돼요?" });
    expect(natural.data.hits[0]?.title).toBe(question.title);
    const similar = await api.query("question.similar", { title: "성산일출봉 일출 몇 시에 출발해요?", regionCode: question.regionCode });
    expect(similar.status).toBe(200);
    expect(similar.data.questions[0]).toMatchObject({ title: question.title, nearDuplicate: true });
    expect(similar.data.nearDuplicate).toMatchObject({ title: question.title });
    expect((await api.query("question.similar", { title: "일출", regionCode: "KR-00" })).error?.data.code).toBe("REGION_NOT_FOUND");
  });

  it("unknown paths answer 404 in JSON", async () => {
    const res = await fetch(`${server.url}/nope`);
    expect(res.status).toBe(404);
    const unknown = await api.query("question.nope");
    expect(unknown.status).toBe(404);
  });
});
