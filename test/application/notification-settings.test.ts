import { Effect } from "effect";
import { describe, expect, it } from "vitest";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { escalateQuestion } from "../../src/application/escalation/escalateQuestion.js";
import { getSettings } from "../../src/application/notification/getSettings.js";
import { listNotifications } from "../../src/application/notification/listNotifications.js";
import { PUSH_CONSUMER } from "../../src/application/notification/pushNotifications.js";
import { updateSettings } from "../../src/application/notification/updateSettings.js";
import { EventLog } from "../../src/application/ports/EventLog.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import type { UserId } from "../../src/domain/shared/ids.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp, type TestApp } from "../support/testLayer.js";

const answerText = "한담해변 근처 숙성도 추천드려요. 웨이팅이 있으니 일찍 가세요.";
/** The notifications the push consumer would push (not silent), per recipient. */
const pushedTo = async (app: TestApp, userId: string, type = "new_answer") =>
  (await app.run(EventLog.use((l) => l.pending(PUSH_CONSUMER, 1000))))
    .map((r) => r.event)
    .filter((e) => e._tag === "NotificationCreated" && e.notification.userId === userId && e.notification.type === type && !e.silent);
const notices = async (app: TestApp, userId: string) => (await app.run(listNotifications(userId as UserId, { limit: 50 }))).items;

describe("notification settings", () => {
  it("reads the defaults, changes only what is given, and keeps the rest", async () => {
    const app = makeTestApp();
    const u = await registerUser(app, "설정하는사람");
    const id = u.id as UserId;
    expect(await app.run(getSettings(id))).toEqual({
      kinds: { answers: true, accepted: true, badges: true, urgent: true, reminders: true, follows: true },
      quietHours: null,
      dailyDigest: false,
    });
    await app.run(updateSettings(id, { kinds: { badges: false }, quietHours: { start: "22:00", end: "08:00" } }));
    const after = await app.run(updateSettings(id, { dailyDigest: true }));
    expect(after.kinds.badges).toBe(false);
    expect(after.kinds.answers).toBe(true);
    expect(after.quietHours).toEqual({ start: "22:00", end: "08:00" });
    expect(after.dailyDigest).toBe(true);
    expect(await app.run(getSettings(id))).toEqual(after);
    expect((await app.run(updateSettings(id, { quietHours: null }))).quietHours).toBeNull();
  });

  it("a kind turned off stores nothing of that kind", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "답변끈사람");
    const local = await registerUser(app, "애월답변러");
    await app.run(updateSettings(asker.id as UserId, { kinds: { answers: false } }));
    const q = await ask(app, asker.id as UserId);
    await app.run(postAnswer({ questionId: q.id, authorId: local.id as UserId, content: answerText }));
    expect((await notices(app, asker.id)).filter((n) => n.type === "new_answer")).toEqual([]);
  });

  it("in quiet hours (KST) a notice is stored silently — listed, not pushed; outside them it is pushed", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "조용한시간");
    const local = await registerUser(app, "애월답변러2");
    await app.run(updateSettings(asker.id as UserId, { quietHours: { start: "22:00", end: "08:00" } }));
    // The test clock starts at 03:00 UTC = 12:00 KST: not quiet.
    const q1 = await ask(app, asker.id as UserId);
    await app.run(postAnswer({ questionId: q1.id, authorId: local.id as UserId, content: answerText }));
    expect(await pushedTo(app, asker.id)).toHaveLength(1);
    // 11 h later: 23:00 KST, quiet.
    app.clock.advance(11 * 3_600_000);
    const q2 = await ask(app, asker.id as UserId, { title: "밤에 여는 애월 편의점 있나요?" });
    await app.run(postAnswer({ questionId: q2.id, authorId: local.id as UserId, content: `${answerText} (밤)` }));
    expect(await pushedTo(app, asker.id)).toHaveLength(1);
    expect((await notices(app, asker.id)).filter((n) => n.type === "new_answer")).toHaveLength(2);
  });

  it("an emergency's notice is pushed in quiet hours; an urgent one is not", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "다급한사람");
    const local = await registerUser(app, "조용한주민");
    await app.run(
      UserRepository.use((r) =>
        r.findById(local.id as UserId).pipe(Effect.flatMap((f) => (f ? r.saveProfile({ ...f, verificationLevel: 2 }) : Effect.void))),
      ),
    );
    // Quiet all day but one minute.
    await app.run(updateSettings(local.id as UserId, { quietHours: { start: "12:01", end: "12:00" } }));
    app.clock.advance(60 * 60_000);
    const urgent = await ask(app, asker.id as UserId, { urgency: "urgent", title: "애월 급하게 우산 빌릴 곳 있나요" });
    await app.run(escalateQuestion(urgent.id, 0));
    expect(await pushedTo(app, local.id, "urgent_question")).toHaveLength(0);
    const emergency = await ask(app, asker.id as UserId, { urgency: "emergency", title: "애월 해안도로에서 사고가 났어요 도와주세요" });
    await app.run(escalateQuestion(emergency.id, 0));
    const pushed = await pushedTo(app, local.id, "urgent_question");
    expect(pushed).toHaveLength(1);
    expect(pushed[0]?._tag === "NotificationCreated" && pushed[0].notification.data.urgency).toBe("emergency");
    expect((await notices(app, local.id)).filter((n) => n.type === "urgent_question")).toHaveLength(2);
  });
});
