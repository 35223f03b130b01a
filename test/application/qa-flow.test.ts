import { describe, expect, it } from "vitest";
import { getMe } from "../../src/application/account/getMe.js";
import { login } from "../../src/application/account/login.js";
import { register } from "../../src/application/account/register.js";
import { acceptAnswer } from "../../src/application/answer/acceptAnswer.js";
import { likeAnswer } from "../../src/application/answer/likeAnswer.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { listBadges } from "../../src/application/badge/listBadges.js";
import { pointsBalance } from "../../src/application/ledger/pointsBalance.js";
import { pointsHistory } from "../../src/application/ledger/pointsHistory.js";
import { listNotifications } from "../../src/application/notification/listNotifications.js";
import { markRead } from "../../src/application/notification/markRead.js";
import { unreadCount } from "../../src/application/notification/unreadCount.js";
import { closeQuestion } from "../../src/application/question/closeQuestion.js";
import { getQuestion } from "../../src/application/question/getQuestion.js";
import { likeQuestion } from "../../src/application/question/likeQuestion.js";
import { POINTS } from "../../src/domain/ledger/awards.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp } from "../support/testLayer.js";

const answerText = "한담해변 근처 숙성도 추천드려요. 웨이팅이 있으니 일찍 가세요.";

describe("ask, answer, accept", () => {
  it("pays nothing for answering one's own question: no points, no 첫 답변 badge, however often", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "셀프답변");
    const q = await ask(app, asker.id);
    for (let i = 0; i < 3; i++) await app.run(postAnswer({ questionId: q.id, authorId: asker.id, content: `${answerText} (${i})` }));
    const history = await app.run(pointsHistory(asker.id, { limit: 50 }));
    expect(history.items.map((e) => e.type)).toEqual(["earn_first_question"]);
    expect((await app.run(listBadges(asker.id))).map((b) => b.type)).not.toContain("first_answer");
    expect((await app.run(getQuestion(q.id, null))).question.answerCount).toBe(3);
  });

  it("awards 150 points, counts, badges and the seed's Korean notification in one go", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "여행자");
    const local = await registerUser(app, "애월토박이");
    const q = await ask(app, asker.id);
    expect(q.hashtags).toEqual(["흑돼지", "애월"]);
    expect(q.category).toBe("food");

    const a = await app.run(postAnswer({ questionId: q.id, authorId: local.id, content: answerText }));
    const before = await app.run(pointsBalance(local.id));
    expect(before.balance).toBe(POINTS.earn_answer);

    const accepted = await app.run(acceptAnswer({ answerId: a.id, actorId: asker.id }));
    expect(accepted.pointsAwarded).toBe(150);
    expect(accepted.question.status).toBe("answered");
    expect(accepted.question.acceptedAnswerId).toBe(a.id);

    const after = await app.run(pointsBalance(local.id));
    expect(after.balance - before.balance).toBe(150);
    const history = await app.run(pointsHistory(local.id, {}));
    expect(history.items[0]).toMatchObject({
      type: "earn_accepted_answer",
      amount: 150,
      balanceBefore: before.balance,
      balanceAfter: after.balance,
      reference: { type: "answer", id: a.id },
    });

    const me = await app.run(getMe(local.id));
    expect(me).toMatchObject({ answerCount: 1, acceptedAnswerCount: 1, pointBalance: after.balance });
    expect((await app.run(listBadges(local.id))).map((b) => b.type).sort()).toEqual(["first_answer", "helpful_neighbor"]);

    const notes = await app.run(listNotifications(local.id, {}));
    const acceptedNote = notes.items.find((n) => n.type === "answer_accepted");
    expect(acceptedNote?.title).toBe("답변이 채택되었습니다!");
    expect(acceptedNote?.message).toBe(`"${q.title}" 질문에 대한 답변이 채택되어 150 포인트를 획득했습니다.`);
    const askerNotes = await app.run(listNotifications(asker.id, {}));
    expect(askerNotes.items.some((n) => n.type === "new_answer")).toBe(true);

    const view = await app.run(getQuestion(q.id, null));
    expect(view.answers[0]?.isAccepted).toBe(true);
    expect(view.question.viewCount).toBe(1);
  });

  it("refuses a second acceptance and writes nothing for it", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "여행자");
    const one = await registerUser(app, "주민1");
    const two = await registerUser(app, "주민2");
    const q = await ask(app, asker.id);
    const a1 = await app.run(postAnswer({ questionId: q.id, authorId: one.id, content: answerText }));
    const a2 = await app.run(postAnswer({ questionId: q.id, authorId: two.id, content: answerText }));
    await app.run(acceptAnswer({ answerId: a1.id, actorId: asker.id }));
    const balance = await app.run(pointsBalance(two.id));
    expect((await app.failure(acceptAnswer({ answerId: a2.id, actorId: asker.id })))._tag).toBe("AnswerAlreadyAccepted");
    expect((await app.failure(acceptAnswer({ answerId: a1.id, actorId: asker.id })))._tag).toBe("AnswerAlreadyAccepted");
    expect(await app.run(pointsBalance(two.id))).toEqual(balance);
    expect((await app.run(getMe(two.id))).acceptedAnswerCount).toBe(0);
  });

  it("only the asker accepts, never their own answer", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "여행자");
    const other = await registerUser(app, "주민");
    const q = await ask(app, asker.id);
    const own = await app.run(postAnswer({ questionId: q.id, authorId: asker.id, content: answerText }));
    const theirs = await app.run(postAnswer({ questionId: q.id, authorId: other.id, content: answerText }));
    expect((await app.failure(acceptAnswer({ answerId: own.id, actorId: asker.id })))._tag).toBe("CannotAcceptOwnAnswer");
    expect((await app.failure(acceptAnswer({ answerId: theirs.id, actorId: other.id })))._tag).toBe("NotQuestionAuthor");
    await app.run(closeQuestion(q.id, asker.id));
    expect((await app.failure(acceptAnswer({ answerId: theirs.id, actorId: asker.id })))._tag).toBe("QuestionNotOpen");
    expect((await app.failure(postAnswer({ questionId: q.id, authorId: other.id, content: answerText })))._tag).toBe(
      "QuestionNotAnswerable",
    );
  });

  it("likes count once per person and never one's own", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "여행자");
    const fan = await registerUser(app, "팬");
    const q = await ask(app, asker.id);
    expect(await app.run(likeQuestion(q.id, fan.id))).toEqual({ likeCount: 1 });
    expect(await app.run(likeQuestion(q.id, fan.id))).toEqual({ likeCount: 1 });
    expect((await app.failure(likeQuestion(q.id, asker.id)))._tag).toBe("CannotLikeOwn");
    const a = await app.run(postAnswer({ questionId: q.id, authorId: fan.id, content: answerText }));
    expect(await app.run(likeAnswer(a.id, asker.id))).toEqual({ likeCount: 1 });
  });

  it("notifications: unread count and marking read only one's own", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "여행자");
    const local = await registerUser(app, "주민");
    const q = await ask(app, asker.id);
    await app.run(postAnswer({ questionId: q.id, authorId: local.id, content: answerText }));
    const { count } = await app.run(unreadCount(asker.id));
    expect(count).toBeGreaterThan(0);
    const ids = (await app.run(listNotifications(asker.id, { unreadOnly: true }))).items.map((n) => n.id);
    expect(await app.failure(markRead(local.id, ids))).toEqual({ _tag: "NotificationNotFound" });
    expect(await app.run(markRead(asker.id, ids))).toEqual({ count: ids.length });
    expect(await app.run(unreadCount(asker.id))).toEqual({ count: 0 });
  });
});

describe("accounts", () => {
  it("registers, rejects a duplicate email in any case, logs in with a daily bonus once a day", async () => {
    const app = makeTestApp();
    await app.run(register({ email: "Visitor@Example.kr", password: "비밀번호1234", nickname: "방문객" }));
    expect((await app.failure(register({ email: "visitor@example.KR", password: "비밀번호1234", nickname: "또" })))._tag).toBe(
      "EmailTaken",
    );
    expect((await app.failure(login({ email: "visitor@example.kr", password: "틀린비밀번호" })))._tag).toBe("InvalidCredentials");
    expect((await app.failure(login({ email: "nobody@example.kr", password: "비밀번호1234" })))._tag).toBe("InvalidCredentials");
    const first = await app.run(login({ email: "VISITOR@example.kr", password: "비밀번호1234" }));
    const again = await app.run(login({ email: "visitor@example.kr", password: "비밀번호1234" }));
    expect(first.user.pointBalance).toBe(POINTS.earn_daily_login);
    expect(again.user.pointBalance).toBe(POINTS.earn_daily_login);
    app.clock.advance(24 * 3_600_000);
    expect((await app.run(login({ email: "visitor@example.kr", password: "비밀번호1234" }))).user.pointBalance).toBe(
      2 * POINTS.earn_daily_login,
    );
  });

  it("refuses bad registrations with the reason", async () => {
    const app = makeTestApp();
    expect((await app.failure(register({ email: "not-an-email", password: "비밀번호1234", nickname: "a" })))._tag).toBe("InvalidEmail");
    expect((await app.failure(register({ email: "a@b.kr", password: "짧음", nickname: "a" })))._tag).toBe("WeakPassword");
    expect((await app.failure(register({ email: "a@b.kr", password: "비밀번호1234", nickname: "   " })))._tag).toBe("NicknameLength");
    expect((await app.failure(register({ email: "a@b.kr", password: "비밀번호1234", nickname: "a", regionCode: "KR-00" })))._tag).toBe(
      "HomeRegionNotFound",
    );
  });
});
