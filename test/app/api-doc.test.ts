import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { TRPCError } from "@trpc/server";
import { Layer, ManagedRuntime } from "effect";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { fieldRows, jsonSchemaOf } from "../../scripts/api-doc/inputShape.js";
import { API_DOC_PATH, renderApiDoc } from "../../scripts/api-doc/render.js";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { OUTPUTS } from "../../src/app/api/outputs.js";
import { NOTES } from "../../src/app/api/procedureNotes.js";
import type { AppRuntime } from "../../src/app/layers.js";
import { makeLogger } from "../../src/app/logger.js";
import { makeReadYourWrites } from "../../src/app/readYourWrites.js";
import { createInnerContext } from "../../src/app/trpc/context.js";
import { procedures } from "../../src/app/trpc/procedures.js";
import { appRouter } from "../../src/app/trpc/router.js";
import { createCallerFactory } from "../../src/app/trpc/trpc.js";
import { grantRole } from "../../src/application/moderation/grantRole.js";
import { plainPng } from "../support/images.js";
import { putThroughEndpoint } from "../support/mediaHarness.js";
import { inMemoryApp, TestPasswordHasher } from "../support/testLayer.js";

const runtime: AppRuntime = ManagedRuntime.make(Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher));
afterAll(() => runtime.dispose());
const createCaller = createCallerFactory(appRouter);
const caller = async (token: string | null = null) =>
  createCaller(await createInnerContext({ runtime, logger: makeLogger("silent"), token, readYourWrites: makeReadYourWrites(0) }));

/** A procedure of a caller by its dotted name, called with whatever input. */
const callByName = (c: Awaited<ReturnType<typeof caller>>, name: string, input: unknown) => {
  const procedure = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], c);
  return (procedure as (input: unknown) => Promise<unknown>)(input);
};

describe("docs/api.md against the router", () => {
  it("is exactly what the generator writes from the router now", async () => {
    const committed = readFileSync(resolve(import.meta.dirname, "../..", API_DOC_PATH), "utf8");
    expect(committed, `${API_DOC_PATH} is out of date with the router: run \`npm run docs:api\` and commit the result`).toBe(
      await renderApiDoc(),
    );
  });

  it("marks exactly the procedures that refuse a caller without a session", async () => {
    const anon = await caller();
    for (const p of procedures()) {
      const error = await callByName(anon, p.name, undefined).then(
        () => null,
        (e: unknown) => e,
      );
      const refused = error instanceof TRPCError && error.code === "UNAUTHORIZED";
      expect(refused, `${p.name} is documented as ${p.needsSession ? "needing" : "not needing"} a session`).toBe(p.needsSession);
    }
  });

  it("lists fields every procedure's result really has", async () => {
    const results = new Map<string, unknown>();
    const record = <A>(name: string, result: A) => {
      results.set(name, result);
      return result;
    };
    const hyeopjae = { lat: 33.394, lng: 126.2396 };
    const password = "비밀번호12345";
    const anon = await caller();
    const withLocation = { terms: true, privacy: true, location: true };
    const asker = record(
      "auth.register",
      await anon.auth.register({ email: "doc-asker@example.kr", password, nickname: "질문자", consents: withLocation, birthYear: 1990 }),
    );
    const local = await anon.auth.register({
      email: "doc-local@example.kr",
      password,
      nickname: "주민",
      regionCode: "KR-49-01-01",
      consents: withLocation,
    });
    record("auth.login", await anon.auth.login({ email: "doc-asker@example.kr", password }));
    const a = await caller(asker.token);
    const b = await caller(local.token);
    record("user.me", await a.user.me());
    record("user.get", await anon.user.get({ id: local.user.id }));
    record("user.verifyLocal", await b.user.verifyLocal(hyeopjae));
    record("region.list", await anon.region.list());
    record("region.locate", await anon.region.locate(hyeopjae));
    record("region.stats", await anon.region.stats({ regionCode: "KR-49-01-02" }));
    record("presence.online", await anon.presence.online({ regionCode: "KR-49-01-02" }));
    const q = record(
      "question.ask",
      await a.question.ask({
        title: "협재해수욕장 근처 주차 가능한가요?",
        content: "주말에 협재해수욕장 가려는데 주차장이 넉넉한지 궁금해요.",
        hashtags: ["협재", "주차"],
        location: hyeopjae,
      }),
    );
    record("question.get", await anon.question.get({ id: q.id }));
    record("question.list", await anon.question.list());
    record("question.nearby", await anon.question.nearby({ ...hyeopjae, radiusKm: 1 }));
    const similar = record(
      "question.similar",
      await anon.question.similar({ title: "협재해수욕장 주차 자리 있나요?", location: hyeopjae }),
    );
    expect(similar.nearDuplicate?.id).toBe(q.id);
    record("question.like", await b.question.like({ id: q.id }));
    record("presence.typing", await b.presence.typing({ questionId: q.id }));
    const answer = record(
      "answer.create",
      await b.answer.create({ questionId: q.id, content: "해수욕장 옆 공영주차장이 있어요. 오전에는 여유 있어요." }),
    );
    record("answer.like", await a.answer.like({ id: answer.id }));
    record("answer.accept", await a.answer.accept({ answerId: answer.id }));
    record(
      "question.update",
      await a.question.update({ id: q.id, content: "주말에 협재해수욕장 가려는데 주차장이 넉넉한지, 유료인지 궁금해요." }),
    );
    record("question.revisions", await anon.question.revisions({ id: q.id }));
    record(
      "answer.update",
      await b.answer.update({ id: answer.id, content: "해수욕장 옆 공영주차장이 있어요. 오전에는 여유 있고 무료예요." }),
    );
    record("answer.revisions", await anon.answer.revisions({ id: answer.id }));
    record("question.escalation", await a.question.escalation({ id: q.id }));
    record("question.close", await a.question.close({ id: q.id }));
    await runtime.runPromise(grantRole("doc-local@example.kr", "admin"));
    const rude = await a.question.ask({
      title: "ㅅㅂ 협재 주차 너무 힘드네요",
      content: "주차 자리가 하나도 없어요. 다른 주차장 있나요?",
      location: hyeopjae,
    });
    const rudeAnswer = await b.answer.create({ questionId: rude.id, content: "한림 쪽 공영주차장도 가까워요. 걸어서 10분이에요." });
    record("moderation.flag", await b.moderation.flag({ targetType: "question", targetId: rude.id, reason: "abuse" }));
    const queue = record("moderation.queue", await b.moderation.queue());
    expect(queue.items.map((i) => i.targetId)).toContain(rude.id);
    record("moderation.resolve", await b.moderation.resolve({ targetType: "question", targetId: rude.id, resolution: "restore" }));
    record("admin.setVerificationLevel", await b.admin.setVerificationLevel({ userId: asker.user.id, level: 3 }));
    const hook = record(
      "webhook.create",
      await b.webhook.create({ regionCode: "KR-49-01", event: "question.urgent", url: "https://partner.example.kr/hooks" }),
    );
    await a.question.ask({
      title: "협재 해변에서 아이를 잃어버렸어요",
      content: "협재 해수욕장 주차장 근처에서 일곱 살 아이를 잃어버렸어요. 보신 분 계신가요?",
      regionCode: "KR-49-01-01",
      urgency: "urgent",
    });
    record("webhook.list", await b.webhook.list());
    const log = record("webhook.deliveries", await b.webhook.deliveries({ webhookId: hook.id }));
    expect(log.items).toHaveLength(1);
    record("webhook.remove", await b.webhook.remove({ id: hook.id }));
    record("answer.delete", await b.answer.delete({ id: rudeAnswer.id }));
    record("question.delete", await a.question.delete({ id: rude.id }));
    record("points.balance", await b.points.balance());
    record("points.history", await b.points.history());
    record("badge.list", await anon.badge.list({ userId: local.user.id }));
    const notifications = record("notification.list", await b.notification.list());
    expect(notifications.items.length).toBeGreaterThan(0);
    record("notification.unreadCount", await b.notification.unreadCount());
    record("notification.markRead", await b.notification.markRead({ ids: notifications.items.map((n) => n.id) }));
    record("notification.settings", await b.notification.settings());
    record(
      "notification.updateSettings",
      await b.notification.updateSettings({ kinds: { badges: false }, quietHours: { start: "22:00", end: "08:00" }, dailyDigest: true }),
    );
    const followed = record("follow.add", await b.follow.add({ regionCode: "KR-49-01-02" }));
    await b.follow.add({ hashtag: "#흑돼지" });
    record("follow.list", await b.follow.list());
    record("follow.remove", await b.follow.remove({ id: followed.id }));
    // A subscription: its first event (the unread count) is the result it documents.
    const stream = (await b.notification.onNew()) as AsyncIterable<unknown>;
    for await (const event of stream) {
      record("notification.onNew", event);
      break;
    }
    record("search.questions", await anon.search.questions({ query: "협재 주차" }));
    record("search.suggest", await anon.search.suggest({ prefix: "협재" }));
    record("search.trending", await anon.search.trending());
    const png = await plainPng();
    const created = record("media.createUpload", await a.media.createUpload({ contentType: "image/png", size: png.length }));
    expect(
      await putThroughEndpoint(runtime.runPromise, { ...created.upload, expiresAt: new Date(created.upload.expiresAt) }, png, new Date()),
    ).toBe(200);
    record("media.confirm", await a.media.confirm({ key: created.key }));
    const devices = record("auth.sessions", await a.auth.sessions());
    expect(devices.items.length).toBeGreaterThan(1);
    const other = devices.items.find((d) => !d.current);
    record("auth.revokeSession", await a.auth.revokeSession({ sessionId: other?.id ?? "" }));
    const changed = record(
      "auth.changePassword",
      await a.auth.changePassword({ currentPassword: password, newPassword: "바뀐 비밀번호 2026" }),
    );
    const c = await caller(changed.token);
    record("user.consents", await c.user.consents());
    record("user.setConsent", await c.user.setConsent({ kind: "marketing", granted: true }));
    record("user.locationLog", await c.user.locationLog());
    record("user.exportData", await c.user.exportData());
    record("admin.userData", await b.admin.userData({ userId: asker.user.id }));
    record("auth.logout", await c.auth.logout());
    const leaver = await anon.auth.register({ email: "doc-leaver@example.kr", password, nickname: "떠나는 사람" });
    record("user.deleteAccount", await (await caller(leaver.token)).user.deleteAccount({ password }));

    for (const p of procedures()) {
      expect(results.has(p.name), `this scenario must call ${p.name} (a new procedure? call it here)`).toBe(true);
      const result = results.get(p.name);
      expect(result, p.name).toBeTypeOf("object");
      expect(Object.keys(result as object), `${p.name} returns what src/app/api/procedureNotes.ts says`).toEqual(
        expect.arrayContaining([...(NOTES[p.name]?.returns ?? [])]),
      );
      // The OpenAPI document's response schema (src/app/api/outputs.ts) holds the result whole: parsing drops no field.
      const output = OUTPUTS[p.name];
      expect(output, `${p.name} needs its result's schema in src/app/api/outputs.ts`).toBeDefined();
      expect(output?.parse(result), `${p.name}: src/app/api/outputs.ts describes its result exactly`).toEqual(result);
    }
  });
});

describe("input shapes in the document", () => {
  it("flatten nested objects and arrays of objects into dotted paths, with their rules in words", () => {
    const schema = z.strictObject({
      name: z.string().trim().min(1).max(30).describe("shown to neighbours"),
      tags: z.array(z.string().max(10)).max(5).optional(),
      place: z.strictObject({ lat: z.number().min(-90).max(90), note: z.string().nullable() }).optional(),
      stops: z.array(z.strictObject({ id: z.uuid(), minutes: z.number().int().positive() })).min(1),
      mode: z.enum(["walk", "bus"]).default("walk"),
    });
    expect(fieldRows(jsonSchemaOf(schema))).toEqual([
      { path: "name", type: "string", required: true, rules: ["shown to neighbours", "1–30 characters"] },
      { path: "tags", type: "array of string", required: false, rules: ["at most 5 items", "each: at most 10 characters"] },
      { path: "place", type: "object", required: false, rules: [] },
      { path: "place.lat", type: "number", required: true, rules: ["-90 to 90"] },
      { path: "place.note", type: "string or null", required: true, rules: [] },
      { path: "stops", type: "array of object", required: true, rules: ["at least 1 item"] },
      { path: "stops[].id", type: "string", required: true, rules: ["a UUID"] },
      { path: "stops[].minutes", type: "integer", required: true, rules: ["> 0"] },
      { path: "mode", type: 'one of `"walk"`, `"bus"`', required: false, rules: ['default `"walk"`'] },
    ]);
  });
});
