import { describe, expect, it } from "vitest";
import { acceptAnswer } from "../../src/application/answer/acceptAnswer.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { listNotifications } from "../../src/application/notification/listNotifications.js";
import { remindToAccept } from "../../src/application/notification/remindToAccept.js";
import { JobQueue } from "../../src/application/ports/JobQueue.js";
import type { UserId } from "../../src/domain/shared/ids.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp, type TestApp } from "../support/testLayer.js";

const answerText = "한담해변 근처 숙성도 추천드려요. 웨이팅이 있으니 일찍 가세요.";
const reminders = async (app: TestApp, userId: string) =>
  (await app.run(listNotifications(userId as UserId, { limit: 50 }))).items.filter((n) => n.type === "accept_reminder");

describe("the 48 h accept reminder", () => {
  it("is scheduled once by the first answer and reminds the asker once while nothing is accepted", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "여행자");
    const one = await registerUser(app, "애월주민");
    const two = await registerUser(app, "한림주민");
    const q = await ask(app, asker.id as UserId);
    expect(await app.run(JobQueue.use((j) => j.counts))).toEqual([]);
    await app.run(postAnswer({ questionId: q.id, authorId: one.id as UserId, content: answerText }));
    await app.run(postAnswer({ questionId: q.id, authorId: two.id as UserId, content: `${answerText} (2)` }));
    // One job per question (by key), however many answers.
    expect(await app.run(JobQueue.use((j) => j.counts))).toEqual([{ type: "question.remindAccept", waiting: 1, failed: 0 }]);
    app.clock.advance(48 * 3_600_000);
    expect(await app.run(remindToAccept(q.id))).toBe(true);
    const [notice] = await reminders(app, asker.id);
    expect(notice?.title).toBe("도움이 된 답변을 채택해 주세요");
    expect(notice?.message).toContain("답변 2개");
    expect(notice?.data).toEqual({ questionId: q.id, answerCount: 2 });
  });

  it("reminds no one when an answer was accepted, or there is none", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "여행자2");
    const local = await registerUser(app, "애월토박이");
    const q = await ask(app, asker.id as UserId);
    expect(await app.run(remindToAccept(q.id))).toBe(false);
    const answer = await app.run(postAnswer({ questionId: q.id, authorId: local.id as UserId, content: answerText }));
    await app.run(acceptAnswer({ answerId: answer.id, actorId: asker.id as UserId }));
    expect(await app.run(remindToAccept(q.id))).toBe(false);
    expect(await reminders(app, asker.id)).toEqual([]);
  });
});
