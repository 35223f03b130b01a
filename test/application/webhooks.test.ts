import { Layer } from "effect";
import { describe, expect, it } from "vitest";
import { makeInMemoryWebhookSender } from "../../src/adapters/in-memory/InMemoryWebhookSender.js";
import { verifySignature } from "../../src/adapters/webhook/signature.js";
import { acceptAnswer } from "../../src/application/answer/acceptAnswer.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { grantRole } from "../../src/application/moderation/grantRole.js";
import { JobQueue } from "../../src/application/ports/JobQueue.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { WebhookPolicy } from "../../src/application/ports/WebhookSender.js";
import { deleteAccount } from "../../src/application/privacy/deleteAccount.js";
import { createWebhook } from "../../src/application/webhook/createWebhook.js";
import { deliverWebhook } from "../../src/application/webhook/deliverWebhook.js";
import { listWebhooks } from "../../src/application/webhook/listWebhooks.js";
import { removeWebhook } from "../../src/application/webhook/removeWebhook.js";
import { webhookDeliveries } from "../../src/application/webhook/webhookDeliveries.js";
import type { UserId } from "../../src/domain/shared/ids.js";
import { retryDelayMs } from "../../src/domain/webhook/webhook.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp, type TestApp } from "../support/testLayer.js";

const PARTNER = "https://partner.example.kr/hooks/dongne";

/** An app whose partner answers as the test scripts it, with 4 attempts per delivery and a public site URL. */
const setup = () => {
  const sender = makeInMemoryWebhookSender();
  const policy = Layer.succeed(WebhookPolicy, {
    allowPrivateTargets: false,
    maxAttempts: 4,
    timeoutMs: 5_000,
    publicUrl: "https://dongne.example",
  });
  const app = makeTestApp(Layer.merge(sender.layer, policy));
  return { app, sender };
};

const adminOf = async (app: TestApp, nickname = "관리자") => {
  const u = await registerUser(app, nickname);
  const email = (await app.run(UserRepository.use((r) => r.findById(u.id as UserId))))?.email ?? "";
  await app.run(grantRole(email, "admin"));
  return u.id as UserId;
};

const pendingJobs = (app: TestApp) => app.run(JobQueue.use((q) => q.counts));

describe("partner webhooks: administration", () => {
  it("admins create (the secret shown once), list (no secret needed), remove; everyone else is refused", async () => {
    const { app } = setup();
    const admin = await adminOf(app);
    const user = (await registerUser(app, "주민")).id as UserId;
    const w = await app.run(createWebhook(admin, { regionCode: "KR-49-01", event: "question.urgent", url: PARTNER }));
    expect(w).toMatchObject({ regionCode: "KR-49-01", event: "question.urgent", url: PARTNER, createdBy: admin });
    expect(w.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    expect((await app.run(listWebhooks(admin))).map((x) => x.id)).toEqual([w.id]);

    expect(await app.failure(createWebhook(user, { regionCode: "KR-49-01", event: "question.urgent", url: PARTNER }))).toEqual({
      _tag: "NotAdmin",
    });
    expect(await app.failure(listWebhooks(user))).toEqual({ _tag: "NotAdmin" });
    expect(await app.failure(removeWebhook(user, w.id))).toEqual({ _tag: "NotAdmin" });
    expect(await app.failure(webhookDeliveries(user, w.id, 10))).toEqual({ _tag: "NotAdmin" });

    expect(await app.run(removeWebhook(admin, w.id))).toEqual({ removed: true });
    expect(await app.failure(removeWebhook(admin, w.id))).toEqual({ _tag: "WebhookNotFound" });
    expect(await app.run(listWebhooks(admin))).toEqual([]);
    // The removed webhook's log stays readable; an unknown one is not found.
    expect((await app.run(webhookDeliveries(admin, w.id, 10))).items).toEqual([]);
    expect(await app.failure(webhookDeliveries(admin, "nope", 10))).toEqual({ _tag: "WebhookNotFound" });
  });

  it("refuses a bad URL or an unknown region", async () => {
    const { app } = setup();
    const admin = await adminOf(app);
    const create = (url: string, regionCode = "KR-49-01") =>
      app.failure(createWebhook(admin, { regionCode, event: "question.urgent", url }));
    expect(await create("http://partner.example.kr/hook")).toEqual({ _tag: "InvalidWebhookUrl", problem: "scheme" });
    expect(await create("https://user:pw@partner.example.kr/hook")).toEqual({ _tag: "InvalidWebhookUrl", problem: "credentials" });
    expect(await create("https://127.0.0.1/hook")).toEqual({ _tag: "InvalidWebhookUrl", problem: "private_host" });
    expect(await create("https://localhost/hook")).toEqual({ _tag: "InvalidWebhookUrl", problem: "private_host" });
    expect(await create(PARTNER, "KR-99")).toEqual({ _tag: "RegionNotFound", code: "KR-99" });
    await app.run(createWebhook(admin, { regionCode: "KR-49-01", event: "question.urgent", url: PARTNER }));
    expect(await create(PARTNER)).toEqual({ _tag: "WebhookExists" });
  });

  it("account deletion keeps the admin's webhooks without their creator", async () => {
    const { app } = setup();
    const admin = await adminOf(app);
    const w = await app.run(createWebhook(admin, { regionCode: "KR-49", event: "question.accepted", url: PARTNER }));
    await app.run(deleteAccount(admin, "비밀번호1234"));
    const other = await adminOf(app, "새관리자");
    expect(await app.run(listWebhooks(other))).toEqual([{ ...w, createdBy: null }]);
  });
});

describe("partner webhooks: events and deliveries (a controllable clock)", () => {
  it("an emergency ask reaches the city's and the dong's urgent webhooks, not another city's or another event's", async () => {
    const { app, sender } = setup();
    const admin = await adminOf(app);
    const city = await app.run(createWebhook(admin, { regionCode: "KR-49-01", event: "question.urgent", url: PARTNER }));
    const dong = await app.run(createWebhook(admin, { regionCode: "KR-49-01-02", event: "question.urgent", url: `${PARTNER}/aewol` }));
    const seogwipo = await app.run(createWebhook(admin, { regionCode: "KR-49-02", event: "question.urgent", url: `${PARTNER}/sgp` }));
    const accepted = await app.run(createWebhook(admin, { regionCode: "KR-49-01", event: "question.accepted", url: `${PARTNER}/acc` }));
    const asker = (await registerUser(app, "여행자")).id as UserId;

    await ask(app, asker); // normal urgency: nothing
    expect((await app.run(webhookDeliveries(admin, city.id, 10))).items).toEqual([]);

    const q = await ask(app, asker, { urgency: "emergency", title: "애월 해안도로에서 사고가 났어요 도와주세요" });
    const [d] = (await app.run(webhookDeliveries(admin, city.id, 10))).items;
    expect(d).toMatchObject({ event: "question.urgent", status: "pending", attempts: 0 });
    expect(d?.payload).toEqual({
      id: d?.id,
      event: "question.urgent",
      occurredAt: q.createdAt.toISOString(),
      question: { id: q.id, title: q.title, regionCode: "KR-49-01-02", urgency: "emergency", url: `https://dongne.example/q/${q.id}` },
    });
    expect((await app.run(webhookDeliveries(admin, dong.id, 10))).items).toHaveLength(1);
    expect((await app.run(webhookDeliveries(admin, seogwipo.id, 10))).items).toEqual([]);
    expect((await app.run(webhookDeliveries(admin, accepted.id, 10))).items).toEqual([]);
    // One job per delivery, committed with the question (beside the escalation's ring).
    expect(await pendingJobs(app)).toContainEqual({ type: "webhook.deliver", waiting: 2, failed: 0 });

    expect(await app.run(deliverWebhook(d!.id))).toMatchObject({ outcome: "delivered", attempts: 1, statusCode: 200 });
    const sent = sender.sent.find((r) => r.url === PARTNER)!;
    expect(sent.headers).toMatchObject({
      "Content-Type": "application/json",
      "User-Agent": "DongneAsk-Webhooks/1",
      "X-Dongne-Event": "question.urgent",
      "X-Dongne-Delivery": d!.id,
    });
    expect(JSON.parse(sent.body)).toEqual(d!.payload);
    const now = Math.floor(Date.now() / 1000);
    expect(
      verifySignature(
        city.secret,
        sent.headers["X-Dongne-Signature"]!,
        sent.body,
        Number(/t=(\d+)/.exec(sent.headers["X-Dongne-Signature"]!)?.[1] ?? now),
      ),
    ).toBe(true);
    expect(verifySignature(dong.secret, sent.headers["X-Dongne-Signature"]!, sent.body, now)).toBe(false);
    expect((await app.run(webhookDeliveries(admin, city.id, 10))).items[0]).toMatchObject({
      status: "delivered",
      attempts: 1,
      lastStatusCode: 200,
    });
    // A duplicate run of the job sends nothing again.
    expect(await app.run(deliverWebhook(d!.id))).toEqual({ outcome: "skipped" });
    expect(sender.sent.filter((r) => r.url === PARTNER)).toHaveLength(1);
  });

  it("an accepted answer reaches the region's accepted webhooks with the answer's id", async () => {
    const { app } = setup();
    const admin = await adminOf(app);
    const hook = await app.run(createWebhook(admin, { regionCode: "KR-49", event: "question.accepted", url: PARTNER }));
    const asker = (await registerUser(app, "여행자")).id as UserId;
    const local = (await registerUser(app, "주민")).id as UserId;
    const q = await ask(app, asker);
    const a = await app.run(postAnswer({ questionId: q.id, authorId: local, content: "애월 해안도로 쪽 식당이 현지인 단골이에요." }));
    expect((await app.run(webhookDeliveries(admin, hook.id, 10))).items).toEqual([]);
    await app.run(acceptAnswer({ answerId: a.id, actorId: asker }));
    const [d] = (await app.run(webhookDeliveries(admin, hook.id, 10))).items;
    expect(d?.payload).toMatchObject({ event: "question.accepted", question: { id: q.id, urgency: "normal" }, acceptedAnswerId: a.id });
    expect(JSON.stringify(d?.payload)).not.toContain(asker);
    expect(JSON.stringify(d?.payload)).not.toContain(local);
  });

  it("retries with the queue's backoff until a 2xx, recording each attempt", async () => {
    const { app, sender } = setup();
    const admin = await adminOf(app);
    const hook = await app.run(createWebhook(admin, { regionCode: "KR-49-01", event: "question.urgent", url: PARTNER }));
    sender.respond(PARTNER, { statusCode: 500 }, { error: "ECONNRESET: socket hang up" }, { statusCode: 204 });
    await ask(app, (await registerUser(app, "여행자")).id as UserId, { urgency: "urgent" });
    const id = (await app.run(webhookDeliveries(admin, hook.id, 1))).items[0]!.id;

    expect(await app.failure(deliverWebhook(id))).toMatchObject({ _tag: "WebhookAttemptFailed", attempts: 1, statusCode: 500 });
    const afterFirst = (await app.run(webhookDeliveries(admin, hook.id, 1))).items[0]!;
    expect(afterFirst).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500, lastError: null });
    expect(afterFirst.nextAttemptAt?.getTime()).toBe(afterFirst.createdAt.getTime() + retryDelayMs(1));

    app.clock.advance(retryDelayMs(1));
    expect(await app.failure(deliverWebhook(id))).toMatchObject({ attempts: 2, statusCode: null, error: "ECONNRESET: socket hang up" });
    expect((await app.run(webhookDeliveries(admin, hook.id, 1))).items[0]).toMatchObject({
      attempts: 2,
      lastStatusCode: null,
      lastError: "ECONNRESET: socket hang up",
    });

    app.clock.advance(retryDelayMs(2));
    expect(await app.run(deliverWebhook(id))).toMatchObject({ outcome: "delivered", attempts: 3, statusCode: 204 });
    const done = (await app.run(webhookDeliveries(admin, hook.id, 1))).items[0]!;
    expect(done).toMatchObject({ status: "delivered", attempts: 3, lastStatusCode: 204, lastError: null, nextAttemptAt: null });
    expect(done.deliveredAt).not.toBeNull();
  });

  it("is failed, and visible, after the last attempt; a redirect counts as a failure", async () => {
    const { app, sender } = setup();
    const admin = await adminOf(app);
    const hook = await app.run(createWebhook(admin, { regionCode: "KR-49-01", event: "question.urgent", url: PARTNER }));
    sender.respond(PARTNER, { statusCode: 302 });
    await ask(app, (await registerUser(app, "여행자")).id as UserId, { urgency: "emergency" });
    const id = (await app.run(webhookDeliveries(admin, hook.id, 1))).items[0]!.id;
    for (let n = 1; n < 4; n++) {
      expect(await app.failure(deliverWebhook(id))).toMatchObject({ attempts: n, statusCode: 302 });
      app.clock.advance(retryDelayMs(n));
    }
    // The 4th (the policy's last) attempt ends the job: nothing left to retry.
    expect(await app.run(deliverWebhook(id))).toMatchObject({ outcome: "failed", attempts: 4, statusCode: 302 });
    expect((await app.run(webhookDeliveries(admin, hook.id, 1))).items[0]).toMatchObject({
      status: "failed",
      attempts: 4,
      lastStatusCode: 302,
      nextAttemptAt: null,
      deliveredAt: null,
    });
    expect(await app.run(deliverWebhook(id))).toEqual({ outcome: "skipped" });
    expect(sender.sent).toHaveLength(4);
  });

  it("drops a pending delivery whose webhook was removed, without sending", async () => {
    const { app, sender } = setup();
    const admin = await adminOf(app);
    const hook = await app.run(createWebhook(admin, { regionCode: "KR-49-01", event: "question.urgent", url: PARTNER }));
    await ask(app, (await registerUser(app, "여행자")).id as UserId, { urgency: "urgent" });
    const id = (await app.run(webhookDeliveries(admin, hook.id, 1))).items[0]!.id;
    await app.run(removeWebhook(admin, hook.id));
    expect(await app.run(deliverWebhook(id))).toEqual({ outcome: "dropped" });
    expect(sender.sent).toEqual([]);
    expect((await app.run(webhookDeliveries(admin, hook.id, 1))).items[0]).toMatchObject({
      status: "failed",
      lastError: "webhook removed",
    });
    // A removed webhook gets no new deliveries.
    await ask(app, (await registerUser(app, "여행자2")).id as UserId, { urgency: "urgent" });
    expect((await app.run(webhookDeliveries(admin, hook.id, 10))).items).toHaveLength(1);
  });

  it("pages the log newest first", async () => {
    const { app } = setup();
    const admin = await adminOf(app);
    const hook = await app.run(createWebhook(admin, { regionCode: "KR-49-01", event: "question.urgent", url: PARTNER }));
    const asker = (await registerUser(app, "여행자")).id as UserId;
    const questions = [];
    for (let i = 0; i < 3; i++) {
      app.clock.advance(60_000);
      questions.push(await ask(app, asker, { urgency: "urgent", title: `애월 급한 질문 ${i}번 도와주세요` }));
    }
    const first = await app.run(webhookDeliveries(admin, hook.id, 2));
    expect(first.items.map((d) => d.payload.question.id)).toEqual([questions[2]!.id, questions[1]!.id]);
    const second = await app.run(webhookDeliveries(admin, hook.id, 2, first.nextCursor ?? undefined));
    expect(second.items.map((d) => d.payload.question.id)).toEqual([questions[0]!.id]);
    expect(second.nextCursor).toBeNull();
    expect(await app.failure(webhookDeliveries(admin, hook.id, 2, "garbage"))).toEqual({ _tag: "InvalidCursor" });
  });
});
