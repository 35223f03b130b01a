import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { Layer, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import type { AppRuntime } from "../../src/app/layers.js";
import { makeLogger } from "../../src/app/logger.js";
import { makeReadYourWrites } from "../../src/app/readYourWrites.js";
import { createInnerContext } from "../../src/app/trpc/context.js";
import { appRouter } from "../../src/app/trpc/router.js";
import { createCallerFactory } from "../../src/app/trpc/trpc.js";
import { inMemoryApp, TestPasswordHasher } from "../support/testLayer.js";

const logger = makeLogger("silent");
const readYourWrites = makeReadYourWrites(0);
const runtime: AppRuntime = ManagedRuntime.make(Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher));
afterAll(() => runtime.dispose());
const createCaller = createCallerFactory(appRouter);
const caller = async (token: string | null = null) => createCaller(await createInnerContext({ runtime, logger, token, readYourWrites }));
type Caller = Awaited<ReturnType<typeof caller>>;

/** The error as an HTTP client receives it: the router's own formatter applied to what the procedure threw. */
const wire = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  const shape = getErrorShape({ config: appRouter._def._config, error, type: "query", path: undefined, input: undefined, ctx: undefined });
  return { status: shape.data.httpStatus, code: shape.data.code, message: shape.message, fieldErrors: shape.data.fieldErrors };
};

const enc = (value: unknown) => Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
const question = {
  title: "협재해수욕장 근처 주차 가능한가요?",
  content: "주말에 협재해수욕장 가려는데 주차장이 넉넉한지 궁금해요.",
  regionCode: "KR-49-01-01",
};
const answerText = "해수욕장 옆 공영주차장이 있어요. 오전에는 여유 있어요.";

let anon: Caller;
let me: Caller;
let questionId: string;
beforeAll(async () => {
  anon = await caller();
  const asker = await anon.auth.register({
    email: "edge-asker@example.kr",
    password: "비밀번호12345",
    nickname: "경계",
    consents: { terms: true, privacy: true, location: true },
  });
  const local = await anon.auth.register({ email: "edge-local@example.kr", password: "비밀번호12345", nickname: "경계주민" });
  me = await caller(asker.token);
  questionId = (await me.question.ask(question)).id;
  await (await caller(local.token)).answer.create({ questionId, content: answerText });
});

describe("ids at the edge", () => {
  const ID_ISSUE = { status: 400, code: "INVALID_INPUT", message: "입력값을 확인해 주세요." };

  it("a non-UUID id is a 400 on its field, also where no login is needed", async () => {
    for (const [call, field] of [
      [anon.question.get({ id: "1" }), "id"],
      [anon.user.get({ id: "' OR 1=1 --" }), "id"],
      [anon.badge.list({ userId: "\u0000" }), "userId"],
      [anon.question.list({ authorId: "abc" }), "authorId"],
      [me.question.like({ id: `${questionId}x` }), "id"],
      [me.question.close({ id: "" }), "id"],
      [me.answer.create({ questionId: "q-1", content: answerText }), "questionId"],
      [me.answer.accept({ answerId: "null" }), "answerId"],
      [me.answer.like({ id: "0" }), "id"],
      [me.notification.markRead({ ids: [randomUUID(), "x"] }), "ids.1"],
    ] as const) {
      expect(await wire(call)).toEqual({ ...ID_ISSUE, fieldErrors: { [field]: ["올바른 ID가 아니에요."] } });
    }
  });

  it("a UUID in upper case finds the same row as the stored lower case (as PostgreSQL's uuid does)", async () => {
    expect((await anon.question.get({ id: questionId.toUpperCase() })).id).toBe(questionId);
    expect(await wire(anon.question.get({ id: randomUUID() }))).toMatchObject({ status: 404, code: "QUESTION_NOT_FOUND" });
  });
});

describe("cursors at the edge", () => {
  const CURSOR_ISSUE = {
    status: 400,
    code: "INVALID_CURSOR",
    message: "잘못된 페이지 정보예요. 처음부터 다시 불러와 주세요.",
    fieldErrors: { cursor: ["잘못된 페이지 정보예요. 처음부터 다시 불러와 주세요."] },
  };

  it("a hand-made cursor is INVALID_CURSOR on the field, before any store sees it", async () => {
    for (const cursor of ["garbage!!", enc({ n: "x" }), enc({ n: 1 }), enc([1, 2]), enc({ n: randomUUID(), extra: 1 })])
      expect(await wire(me.notification.list({ cursor }))).toEqual(CURSOR_ISSUE);
    for (const cursor of ["%%%", enc({ e: "1' OR '1'='1" }), enc({ e: null }), enc({ n: randomUUID() })])
      expect(await wire(me.points.history({ cursor }))).toEqual(CURSOR_ISSUE);
    for (const cursor of [
      enc({ s: "newest", k: [1e20, randomUUID()] }),
      enc({ s: "newest", k: [-1, "x"] }),
      enc({ s: "newest", k: [-1] }),
      enc({ s: "oldest", k: [0.5, randomUUID()] }),
      enc({ s: "urgent", k: [-7, -1, randomUUID()] }),
      enc({ s: "most_views", k: [-(2 ** 31), -1, randomUUID()] }),
      enc({ s: "best", k: [1, randomUUID()] }),
    ])
      expect(await wire(anon.question.list({ sort: cursor.length % 2 ? "newest" : "oldest", cursor }))).toEqual(CURSOR_ISSUE);
  });

  it("the cursors the lists hand out still page", async () => {
    await me.question.ask({ ...question, title: "한림 공원 근처 주차 가능한가요?" });
    for (const sort of ["newest", "oldest", "popular", "most_answers", "most_views", "urgent"] as const) {
      const first = await anon.question.list({ sort, limit: 1 });
      expect(first.nextCursor).not.toBeNull();
      const second = await anon.question.list({ sort, limit: 1, cursor: first.nextCursor ?? undefined });
      expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    }
    const notes = await (
      await caller((await anon.auth.login({ email: "edge-asker@example.kr", password: "비밀번호12345" })).token)
    ).notification.list({
      limit: 1,
    });
    if (notes.nextCursor) await me.notification.list({ cursor: notes.nextCursor });
    const points = await me.points.history({ limit: 1 });
    if (points.nextCursor) await me.points.history({ cursor: points.nextCursor });
  });
});

describe("user text at the edge", () => {
  const CHARACTERS = "입력할 수 없는 문자(제어 문자나 깨진 문자)가 들어 있어요.";
  const nul = (s: string) => `${s.slice(0, 3)}\u0000${s.slice(3)}`;

  it("a NUL in any text field is INVALID_CHARACTERS on that field", async () => {
    for (const [call, field] of [
      [me.question.ask({ ...question, title: nul(question.title) }), "title"],
      [me.question.ask({ ...question, content: nul(question.content) }), "content"],
      [me.question.ask({ ...question, hashtags: ["주차", "협\u0000재"] }), "hashtags.1"],
      [me.question.ask({ ...question, location: { lat: 33.394, lng: 126.2396, description: "입구\u0000" } }), "location.description"],
      [me.answer.create({ questionId, content: nul(answerText) }), "content"],
      [anon.auth.register({ email: "nul\u0000@example.kr", password: "비밀번호12345", nickname: "널" }), "email"],
      [anon.auth.register({ email: "nul@example.kr", password: "비밀번호12345", nickname: "널\u0000" }), "nickname"],
      [anon.auth.login({ email: "edge-asker@example.kr\u0000", password: "비밀번호12345" }), "email"],
      [anon.search.suggest({ prefix: "협\u0000" }), "prefix"],
      [anon.search.questions({ query: "주차\u0000" }), "query"],
      [anon.search.questions({ filters: { hashtags: ["\u0000"] } }), "filters.hashtags.0"],
      [me.question.ask({ ...question, title: `${question.title}\ud800` }), "title"],
      [me.question.ask({ ...question, content: `${question.content}\u001b[2J` }), "content"],
    ] as const) {
      expect(await wire(call)).toEqual({
        status: 400,
        code: "INVALID_CHARACTERS",
        message: CHARACTERS,
        fieldErrors: { [field]: [CHARACTERS] },
      });
    }
  });

  it("text that is empty once invisible characters are gone is refused by the length rules", async () => {
    expect(await wire(me.question.ask({ ...question, title: "\u200b".repeat(12) }))).toMatchObject({
      status: 400,
      code: "QUESTION_TITLE_LENGTH",
      fieldErrors: { title: ["질문 제목은 10자 이상 200자 이하로 입력해 주세요."] },
    });
    // Zero-width padding does not count towards a minimum length either.
    expect(await wire(me.question.ask({ ...question, content: `짧은 내용${"\u200b".repeat(30)}` }))).toMatchObject({
      code: "QUESTION_CONTENT_LENGTH",
    });
    expect(
      await wire(anon.auth.register({ email: "blank@example.kr", password: "비밀번호12345", nickname: "\u200f\u200b" })),
    ).toMatchObject({ status: 400, code: "NICKNAME_LENGTH", fieldErrors: { nickname: ["닉네임은 1자 이상 50자 이하로 입력해 주세요."] } });
    expect(
      await wire(anon.auth.register({ email: "filler@example.kr", password: "비밀번호12345", nickname: "\u3164\u3164" })),
    ).toMatchObject({
      code: "NICKNAME_LENGTH",
    });
    expect(await wire(me.answer.create({ questionId, content: "\u2060\ufeff\u00ad".repeat(10) }))).toMatchObject({
      code: "ANSWER_CONTENT_LENGTH",
    });
  });

  it("bidi overrides and zero-width padding are stripped once, at the edge, before anything is stored", async () => {
    const asked = await me.question.ask({
      ...question,
      title: "\u202e협재\u200b해수욕장 근처 주차 가능한가요?\u202c",
      hashtags: ["\u202e주차", "\u200b"],
      location: { lat: 33.394, lng: 126.2396, description: "\u2066입구\u2069" },
    });
    expect(asked).toMatchObject({ title: "협재해수욕장 근처 주차 가능한가요?", hashtags: ["주차"], location: { description: "입구" } });
    expect((await anon.question.get({ id: asked.id })).title).toBe("협재해수욕장 근처 주차 가능한가요?");
    const user = await anon.auth.register({
      email: "\u200bbidi@example.kr",
      password: "비밀번호12345",
      nickname: "\u202e제주\u202c 토박이",
    });
    expect(user.user).toMatchObject({ email: "bidi@example.kr", nickname: "제주 토박이" });
    // The same normalisation on login: the address typed with padding finds the account.
    expect((await anon.auth.login({ email: "bidi@example.kr\u200b", password: "비밀번호12345" })).user.id).toBe(user.user.id);
    // Emoji sequences keep their joiners.
    const emoji = await me.answer.create({ questionId, content: "주차장 넓어요 👩🏽‍💻 ❤️‍🔥 추천합니다" });
    expect(emoji.content).toBe("주차장 넓어요 👩🏽‍💻 ❤️‍🔥 추천합니다");
  });
});

describe("one name per sort", () => {
  it("search.questions sorts by `popular`, as question.list does, and still takes its older name `popularity`", async () => {
    const ids = async (sort: "popular" | "popularity") => (await anon.search.questions({ sort })).hits.map((h) => h.id);
    const popular = await ids("popular");
    expect(popular.length).toBeGreaterThan(0);
    expect(await ids("popularity")).toEqual(popular);
    expect(await wire(anon.search.questions({ sort: "popularest" as "popular" }))).toMatchObject({ status: 400, code: "INVALID_INPUT" });
  });
});
