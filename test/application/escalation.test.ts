import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { escalateQuestion, escalationOf } from "../../src/application/escalation/escalateQuestion.js";
import { listNotifications } from "../../src/application/notification/listNotifications.js";
import { JobQueue } from "../../src/application/ports/JobQueue.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { DAILY_ESCALATION_CAP, RING_MINUTES, SAFETY_NOTICE } from "../../src/domain/notification/escalation.js";
import type { UserId } from "../../src/domain/shared/ids.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp, type TestApp } from "../support/testLayer.js";

const MIN = 60_000;

/** A verified local (verification level 2) living in `regionCode`. */
const local = async (app: TestApp, nickname: string, regionCode: string) => {
  const u = await registerUser(app, nickname, regionCode);
  await app.run(
    UserRepository.use((r) =>
      r.findById(u.id as UserId).pipe(Effect.flatMap((found) => (found ? r.saveProfile({ ...found, verificationLevel: 2 }) : Effect.void))),
    ),
  );
  return u;
};
const urgentNotices = async (app: TestApp, userId: string) =>
  (await app.run(listNotifications(userId as UserId, { limit: 50 }))).items.filter((n) => n.type === "urgent_question");

describe("urgent-question escalation (a controllable clock)", () => {
  it("an emergency tells its region's locals at once, then neighbours at 5 min, the city at 15, the island at 30; each once; the asker sees the count", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "다급한여행자");
    const aewol = await local(app, "애월주민", "KR-49-01-02");
    const hallim = await local(app, "한림주민", "KR-49-01-01");
    const ara = await local(app, "아라동주민", "KR-49-01-63");
    const seogwipo = await local(app, "중문주민", "KR-49-02-61");
    const unverified = await registerUser(app, "미인증주민", "KR-49-01-02");
    const q = await ask(app, asker.id as UserId, { urgency: "emergency", title: "애월 해안도로에서 사고가 났어요 도와주세요" });
    // The ask enqueued ring 0 in its own unit of work.
    expect(await app.run(JobQueue.use((j) => j.counts))).toEqual([{ type: "question.escalate", waiting: 1, failed: 0 }]);

    const ring0 = await app.run(escalateQuestion(q.id, 0));
    expect(ring0.notified).toBe(1);
    expect(ring0.next).toEqual({ ring: 1, at: new Date(q.createdAt.getTime() + RING_MINUTES.emergency[1]! * MIN) });
    const [notice] = await urgentNotices(app, aewol.id);
    expect(notice?.message).toContain("112");
    expect(notice?.message).toContain("119");
    expect(notice?.message).toContain(SAFETY_NOTICE.ko);
    expect(notice?.data).toMatchObject({ questionId: q.id, urgency: "emergency", ring: 0 });
    expect(await urgentNotices(app, hallim.id)).toEqual([]);
    expect(await urgentNotices(app, unverified.id)).toEqual([]);

    app.clock.advance(5 * MIN);
    const ring1 = await app.run(escalateQuestion(q.id, 1));
    expect(ring1.notified).toBe(1); // 한림 (neighbour); 애월 was told already
    expect(ring1.next?.at).toEqual(new Date(q.createdAt.getTime() + 15 * MIN));
    app.clock.advance(10 * MIN);
    expect((await app.run(escalateQuestion(q.id, 2))).notified).toBe(1); // 아라동 (the city)
    app.clock.advance(15 * MIN);
    const ring3 = await app.run(escalateQuestion(q.id, 3));
    expect(ring3).toEqual({ notified: 1, next: null }); // 중문 (the island); no ring after
    // A repeated run of a ring (a retried job) tells no one twice.
    expect((await app.run(escalateQuestion(q.id, 3))).notified).toBe(0);
    for (const u of [aewol, hallim, ara, seogwipo]) expect(await urgentNotices(app, u.id)).toHaveLength(1);
    expect(await urgentNotices(app, asker.id)).toEqual([]);

    expect(await app.run(escalationOf(q.id, asker.id))).toEqual({ notified: 4 });
    expect(await app.failure(escalationOf(q.id, aewol.id))).toEqual({ _tag: "QuestionNotFound" });
  });

  it("an urgent question follows 30/60/120 min and stops once it has an answer", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "급한여행자");
    const aewol = await local(app, "애월토박이", "KR-49-01-02");
    const hallim = await local(app, "한림토박이", "KR-49-01-01");
    const q = await ask(app, asker.id as UserId, { urgency: "urgent" });
    const r0 = await app.run(escalateQuestion(q.id, 0));
    expect(r0.next?.at).toEqual(new Date(q.createdAt.getTime() + 30 * MIN));
    const [notice] = await urgentNotices(app, aewol.id);
    expect(notice?.message).not.toContain("112");
    await app.run(
      postAnswer({ questionId: q.id, authorId: aewol.id as UserId, content: "애월 해안도로 쪽은 지금 괜찮아요. 천천히 오세요." }),
    );
    app.clock.advance(30 * MIN);
    expect(await app.run(escalateQuestion(q.id, 1))).toEqual({ notified: 0, next: null });
    expect(await urgentNotices(app, hallim.id)).toEqual([]);
  });

  it("a local gets at most the daily cap of escalation notices per Korean day", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "걱정많은여행자");
    const aewol = await local(app, "애월지킴이", "KR-49-01-02");
    for (let i = 0; i < DAILY_ESCALATION_CAP + 2; i++) {
      const q = await ask(app, asker.id as UserId, { urgency: "urgent", title: `애월 급한 질문 ${i}번 답 부탁드려요` });
      await app.run(escalateQuestion(q.id, 0));
    }
    expect(await urgentNotices(app, aewol.id)).toHaveLength(DAILY_ESCALATION_CAP);
  });
});
