import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { Layer, ManagedRuntime } from "effect";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { ApiFailure } from "../../src/app/api/run.js";
import type { AppRuntime } from "../../src/app/layers.js";
import { makeLogger } from "../../src/app/logger.js";
import { makeReadYourWrites } from "../../src/app/readYourWrites.js";
import { createInnerContext } from "../../src/app/trpc/context.js";
import { appRouter } from "../../src/app/trpc/router.js";
import { createCallerFactory } from "../../src/app/trpc/trpc.js";
import { DependencyUnavailable } from "../../src/application/errors.js";
import { questionsThatDie } from "../support/failingStores.js";
import { inMemoryApp, TestPasswordHasher } from "../support/testLayer.js";

const logger = makeLogger("silent");
const readYourWrites = makeReadYourWrites(0);
const runtime: AppRuntime = ManagedRuntime.make(Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher));
afterAll(() => runtime.dispose());
const createCaller = createCallerFactory(appRouter);
const caller = async (token: string | null = null) => createCaller(await createInnerContext({ runtime, logger, token, readYourWrites }));

const domainCode = async (p: Promise<unknown>) => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const t = error as TRPCError;
  return { status: t.code, code: t.cause instanceof ApiFailure ? t.cause.entry.code : undefined };
};

describe("tRPC router through createCaller", () => {
  it("serves the ask → answer → accept flow and the engagement procedures", async () => {
    const anon = await caller();
    const withLocation = { terms: true, privacy: true, location: true };
    const a = await anon.auth.register({
      email: "caller-asker@example.kr",
      password: "비밀번호12345",
      nickname: "질문자",
      consents: withLocation,
    });
    const b = await anon.auth.register({
      email: "caller-local@example.kr",
      password: "비밀번호12345",
      nickname: "주민",
      regionCode: "KR-49-01-01",
      consents: withLocation,
    });
    const asker = await caller(a.token);
    const local = await caller(b.token);
    const q = await asker.question.ask({
      title: "협재해수욕장 근처 주차 가능한가요?",
      content: "주말에 협재해수욕장 가려는데 주차장이 넉넉한지 궁금해요.",
      location: { lat: 33.394, lng: 126.2396, description: "협재해수욕장 입구" },
    });
    expect(q).toMatchObject({ regionCode: "KR-49-01-01", category: "transport", location: { description: "협재해수욕장 입구" } });
    const ans = await local.answer.create({ questionId: q.id, content: "해수욕장 옆 공영주차장이 있어요. 오전에는 여유 있어요." });
    expect(await asker.answer.like({ id: ans.id })).toEqual({ likeCount: 1 });
    expect((await asker.answer.accept({ answerId: ans.id })).pointsAwarded).toBe(150);
    expect((await local.points.history()).items[0]).toMatchObject({ type: "earn_accepted_answer", amount: 150 });
    expect((await anon.badge.list({ userId: b.user.id })).badges.map((x) => x.name)).toContain("친절한 이웃");
    expect((await anon.user.get({ id: b.user.id })).nickname).toBe("주민");
    expect((await anon.question.nearby({ lat: 33.394, lng: 126.24, radiusKm: 1 })).items[0]?.id).toBe(q.id);
    expect((await anon.question.list({ regionCode: "KR-49-01", status: "answered" })).items.map((x) => x.id)).toEqual([q.id]);
    const notes = await local.notification.list({ unreadOnly: true });
    expect(await local.notification.markRead({ ids: notes.items.map((n) => n.id) })).toEqual({ count: notes.items.length });
    expect(await local.notification.unreadCount()).toEqual({ count: 0 });
    expect((await asker.question.close({ id: q.id })).status).toBe("closed");
    const verified = await local.user.verifyLocal({ lat: 33.394, lng: 126.2396 });
    expect(verified).toMatchObject({ verificationLevel: 1, isLocalVerified: false, region: { name: "한림읍" } });
  });

  it("shows a question's location coarsened to ~100 m to every reader but its asker, unless marked a public place", async () => {
    const anon = await caller();
    const a = await anon.auth.register({
      email: "caller-coarse@example.kr",
      password: "비밀번호12345",
      nickname: "위치질문",
      consents: { terms: true, privacy: true, location: true },
    });
    const asker = await caller(a.token);
    const exact = { lat: 33.394123, lng: 126.239654 };
    const base = { title: "협재해수욕장 근처 주차 가능한가요?", content: "주말에 협재해수욕장 가려는데 주차장이 넉넉한지 궁금해요." };
    const home = await asker.question.ask({ ...base, location: exact });
    expect(home.location).toMatchObject({ ...exact, publicPlace: false });
    const seen = (await anon.question.get({ id: home.id })).location;
    expect(seen).not.toMatchObject(exact);
    expect(Math.abs((seen?.lat ?? 0) - exact.lat) * 111_320).toBeLessThan(100);
    expect((await anon.question.list()).items.find((q) => q.id === home.id)?.location).toEqual(seen);
    const near = (await anon.question.nearby({ ...exact, radiusKm: 1 })).items.find((q) => q.id === home.id);
    expect(near?.location).toEqual(seen);
    expect(near?.distanceKm).toBe(0);
    expect((await asker.question.get({ id: home.id })).location).toMatchObject(exact);
    const beach = await asker.question.ask({
      ...base,
      title: "협재해수욕장 샤워장 운영하나요? 궁금해요",
      location: { ...exact, publicPlace: true },
    });
    expect((await anon.question.get({ id: beach.id })).location).toMatchObject({ ...exact, publicPlace: true });
  });

  it("maps domain failures to tRPC codes and stable domain codes", async () => {
    const anon = await caller();
    const u = await anon.auth.register({ email: "caller-errors@example.kr", password: "비밀번호12345", nickname: "오류" });
    const me = await caller(u.token);
    expect(await domainCode(anon.user.me())).toEqual({ status: "UNAUTHORIZED", code: undefined });
    expect(await domainCode(me.question.get({ id: randomUUID() }))).toEqual({ status: "NOT_FOUND", code: "QUESTION_NOT_FOUND" });
    expect(await domainCode(me.question.ask({ title: "짧음", content: "내용", regionCode: "KR-49" }))).toEqual({
      status: "BAD_REQUEST",
      code: "QUESTION_TITLE_LENGTH",
    });
    expect(
      await domainCode(anon.auth.register({ email: "caller-errors@example.kr", password: "비밀번호12345", nickname: "중복" })),
    ).toEqual({ status: "CONFLICT", code: "EMAIL_TAKEN" });
    expect(await domainCode(me.user.verifyLocal({ lat: 33.39, lng: 126.24 }))).toEqual({
      status: "FORBIDDEN",
      code: "LOCATION_CONSENT_REQUIRED",
    });
    await me.user.setConsent({ kind: "location", granted: true });
    expect(await domainCode(me.user.verifyLocal({ lat: 33.39, lng: 126.24 }))).toEqual({
      status: "BAD_REQUEST",
      code: "HOME_REGION_REQUIRED",
    });
  });

  it("turns a defect into INTERNAL_SERVER_ERROR with a generic Korean message and no detail", async () => {
    const broken = questionsThatDie(() => new Error("SELECT * FROM secret_table failed"));
    const brokenRuntime: AppRuntime = ManagedRuntime.make(
      Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher).pipe(Layer.merge(broken)),
    );
    const logged: string[] = [];
    const capture = pino({ level: "error" }, { write: (line: string) => logged.push(line) });
    const c = createCaller(await createInnerContext({ runtime: brokenRuntime, logger: capture, token: null, readYourWrites }));
    const error = await c.question.list().catch((e: unknown) => e);
    // Logged once, with the procedure and the whole cause; the HTTP layer does not log it a second time.
    expect(logged.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        path: "question.list",
        msg: "use case failed unexpectedly",
        cause: expect.stringContaining("secret_table"),
      }),
    ]);
    expect((error as TRPCError).cause).toBeInstanceOf(ApiFailure);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("INTERNAL_SERVER_ERROR");
    expect((error as TRPCError).message).toBe("일시적인 오류가 발생했어요. 잠시 후 다시 시도해 주세요.");
    expect(String((error as TRPCError).cause ?? "")).not.toContain("secret_table");
    await brokenRuntime.dispose();
  });

  it("answers a dependency that is down or overloaded with SERVICE_UNAVAILABLE (503, try again), logged as a warning, never INTERNAL", async () => {
    const overloaded = questionsThatDie(() => new DependencyUnavailable("database", "canceling statement due to lock timeout"));
    const runtime: AppRuntime = ManagedRuntime.make(
      Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher).pipe(Layer.merge(overloaded)),
    );
    const logged: { level: number; msg: string; dependency?: string }[] = [];
    const capture = pino({ level: "warn" }, { write: (line: string) => logged.push(JSON.parse(line)) });
    const unavailable: string[] = [];
    const ctx = await createInnerContext({ runtime, logger: capture, token: null, readYourWrites });
    const c = createCaller({ ...ctx, onUnavailable: (d) => unavailable.push(d) });
    const error = await c.question.list().catch((e: unknown) => e);
    expect((error as TRPCError).code).toBe("SERVICE_UNAVAILABLE");
    expect((error as TRPCError).message).toBe("지금은 요청이 몰려 처리하지 못했어요. 잠시 후 다시 시도해 주세요.");
    expect(logged).toEqual([expect.objectContaining({ level: 40, msg: "dependency unavailable", dependency: "database" })]);
    expect(unavailable).toEqual(["database"]);
    await runtime.dispose();
  });
});
