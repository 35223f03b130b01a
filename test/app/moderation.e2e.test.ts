import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { startServer } from "../support/serverProcess.js";

// Editing, deleting, flags and review at the edge of the real service process, on the machine's PostgreSQL,
// with the posting limits on (the test servers switch them off unless told otherwise).
let db: TestDatabase;
let server: Awaited<ReturnType<typeof startServer>>;
const PASSWORD = "성산일출봉 새벽 등반";

beforeAll(async () => {
  db = await machineDatabase();
  server = await startServer({ DATABASE_URL: db.url, POSTING_LIMITS: "on", MODERATION_FLAG_THRESHOLD: "2" });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

interface Wire {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: wire JSON, asserted field by field
  readonly body: any;
}
/** A request; once more on a new connection when the kept-alive one was closed by the server meanwhile (the CLI takes seconds). */
const send = (url: string, init: RequestInit) => fetch(url, init).catch(() => fetch(url, init));
const post = async (path: string, input: unknown, token?: string): Promise<Wire> => {
  const res = await send(`${server.url}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
};
const get = async (path: string, input: unknown, token?: string): Promise<Wire> => {
  const res = await send(`${server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
};
const register = async (name: string) => {
  const res = await post("auth.register", { email: `${name}@example.kr`, password: PASSWORD, nickname: name });
  expect(res.status).toBe(200);
  return { token: res.body.result.data.token as string, id: res.body.result.data.user.id as string, email: `${name}@example.kr` };
};
const ask = async (token: string, title: string) =>
  post(
    "question.ask",
    { title, content: "성산항에서 우도 가는 첫 배가 몇 시인지, 차를 싣고 갈 수 있는지 궁금해요.", regionCode: "KR-49-01-01" },
    token,
  );
const code = (w: Wire) => w.body.error?.data?.code;

describe("editing and deleting over HTTP", () => {
  it("update keeps revisions, a stranger is refused, delete takes the question out of reads and lists", async () => {
    const asker = await register("asker");
    const stranger = await register("stranger");
    const q = (await ask(asker.token, "우도 가는 배 첫차 시간 아시나요?")).body.result.data;
    const edited = await post("question.update", { id: q.id, title: "우도 가는 배 첫차 시간 (차량 선적) 아시나요?" }, asker.token);
    expect(edited.status).toBe(200);
    expect(edited.body.result.data.title).toBe("우도 가는 배 첫차 시간 (차량 선적) 아시나요?");
    const revisions = await get("question.revisions", { id: q.id });
    expect(revisions.body.result.data.revisions.map((r: { title: string }) => r.title)).toEqual([q.title, edited.body.result.data.title]);
    expect(code(await post("question.update", { id: q.id, title: "남이 고친 제목입니다 정말로" }, stranger.token))).toBe(
      "NOT_QUESTION_AUTHOR",
    );
    expect((await post("question.delete", { id: q.id }, stranger.token)).status).toBe(403);
    expect((await post("question.delete", { id: q.id }, asker.token)).status).toBe(200);
    expect(code(await get("question.get", { id: q.id }))).toBe("QUESTION_NOT_FOUND");
    const list = await get("question.list", { limit: 50 }, asker.token);
    expect(list.body.result.data.items.map((x: { id: string }) => x.id)).not.toContain(q.id);
    expect(server.output()).toContain('"event":"authorization_failed"');
  });

  it("answers: the author edits (revisions), a stranger is refused, an accepted answer is not deleted by its author", async () => {
    const asker = await register("asker2");
    const answerer = await register("answerer2");
    const q = (await ask(asker.token, "우도 자전거 대여소 어디 있나요?")).body.result.data;
    const created = await post("answer.create", { questionId: q.id, content: "천진항 바로 앞에 대여소가 여러 곳 있어요." }, answerer.token);
    const id = created.body.result.data.id;
    const edited = await post(
      "answer.update",
      { id, content: "천진항 바로 앞에 대여소가 여러 곳 있어요. 전기자전거도 있어요." },
      answerer.token,
    );
    expect(edited.body.result.data.content).toContain("전기자전거");
    expect((await get("answer.revisions", { id })).body.result.data.revisions).toHaveLength(2);
    expect(code(await post("answer.update", { id, content: "질문자가 남의 답변을 고쳐 봅니다" }, asker.token))).toBe("NOT_ANSWER_AUTHOR");
    expect((await post("answer.accept", { answerId: id }, asker.token)).status).toBe(200);
    expect(code(await post("answer.delete", { id }, answerer.token))).toBe("ACCEPTED_ANSWER_UNDELETABLE");
    // A second answer by the same new account within a minute is refused (the spacing); the asker adds one and deletes it.
    expect(code(await post("answer.create", { questionId: q.id, content: "하우목동항 쪽에도 대여소가 있어요." }, answerer.token))).toBe(
      "RATE_LIMITED",
    );
    const other = await post("answer.create", { questionId: q.id, content: "하우목동항 쪽에도 대여소가 있어요." }, asker.token);
    expect((await post("answer.delete", { id: other.body.result.data.id }, answerer.token)).status).toBe(403);
    expect((await post("answer.delete", { id: other.body.result.data.id }, asker.token)).status).toBe(200);
    const page = await get("question.get", { id: q.id }, asker.token);
    expect(page.body.result.data.answers.map((a: { id: string }) => a.id)).toEqual([id]);
  });

  it("a new account: the 4th question of the day is 429 RATE_LIMITED with Retry-After; the same text twice is DUPLICATE_POST", async () => {
    const fresh = await register("fresh");
    for (let i = 1; i <= 3; i++) expect((await ask(fresh.token, `새내기의 ${i}번째 질문입니다 알려주세요`)).status).toBe(200);
    const fourth = await ask(fresh.token, "새내기의 네 번째 질문입니다 알려주세요");
    expect(fourth.status).toBe(429);
    expect(code(fourth)).toBe("RATE_LIMITED");
    expect(Number(fourth.headers.get("retry-after"))).toBeGreaterThan(3600);
    expect(fourth.body.error.message).toMatch(/시간 후에 다시 시도할 수 있어요/);
    const other = await register("other");
    expect((await ask(other.token, "같은 제목을 두 번 올려 봅니다 정말로")).status).toBe(200);
    const again = await ask(other.token, "같은 제목을 두 번 올려 봅니다 정말로");
    expect([again.status, code(again)]).toEqual([429, "DUPLICATE_POST"]);
  });
});

describe("flags, review and roles over HTTP", () => {
  it("two flags (MODERATION_FLAG_THRESHOLD=2) hide the post; the author is told; a moderator made by the CLI restores it", async () => {
    const author = await register("author");
    const [f1, f2] = [await register("flagger1"), await register("flagger2")];
    const mod = await register("moderator");
    const q = (await ask(author.token, "우도 땅콩 아이스크림 맛집 어디예요?")).body.result.data;
    const flag = (token: string) => post("moderation.flag", { targetType: "question", targetId: q.id, reason: "spam" }, token);
    expect((await flag(f1.token)).body.result.data).toEqual({ hidden: false });
    expect(code(await flag(f1.token))).toBe("ALREADY_FLAGGED");
    expect((await flag(f2.token)).body.result.data).toEqual({ hidden: true });
    expect(code(await get("question.get", { id: q.id }, f1.token))).toBe("QUESTION_NOT_FOUND");
    expect((await get("question.get", { id: q.id }, author.token)).body.result.data.status).toBe("hidden");
    const notes = await get("notification.list", {}, author.token);
    expect(notes.body.result.data.items.map((n: { type: string }) => n.type)).toContain("post_hidden");

    expect(code(await get("moderation.queue", {}, mod.token))).toBe("NOT_MODERATOR");
    const { DATABASE_URL: _, ...env } = process.env;
    const cli = spawnSync(process.execPath, ["--import", "tsx", "src/app/cli/userRole.ts", mod.email, "moderator"], {
      env: { ...env, DATABASE_URL: db.url },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain("is now moderator");
    const queue = await get("moderation.queue", {}, mod.token);
    expect(queue.body.result.data.items.map((i: { targetId: string; flagCount: number }) => [i.targetId, i.flagCount])).toEqual([
      [q.id, 2],
    ]);
    expect((await get("question.get", { id: q.id }, mod.token)).status).toBe(200);
    const resolved = await post("moderation.resolve", { targetType: "question", targetId: q.id, resolution: "restore" }, mod.token);
    expect(resolved.body.result.data).toEqual({ resolution: "restore" });
    expect((await get("question.get", { id: q.id })).body.result.data.status).toBe("open");
    expect(code(await post("admin.setVerificationLevel", { userId: author.id, level: 3 }, mod.token))).toBe("NOT_ADMIN");
  });
});
