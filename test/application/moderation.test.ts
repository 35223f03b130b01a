import { Layer } from "effect";
import { describe, expect, it } from "vitest";
import { acceptAnswer } from "../../src/application/answer/acceptAnswer.js";
import { answerRevisions } from "../../src/application/answer/answerRevisions.js";
import { deleteAnswer } from "../../src/application/answer/deleteAnswer.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { updateAnswer } from "../../src/application/answer/updateAnswer.js";
import { flagPost } from "../../src/application/moderation/flagPost.js";
import { grantRole } from "../../src/application/moderation/grantRole.js";
import { moderationQueue } from "../../src/application/moderation/moderationQueue.js";
import { resolveReview } from "../../src/application/moderation/resolveReview.js";
import { setVerificationLevel } from "../../src/application/moderation/setVerificationLevel.js";
import { listNotifications } from "../../src/application/notification/listNotifications.js";
import { EventLog } from "../../src/application/ports/EventLog.js";
import { ModerationRepository } from "../../src/application/ports/ModerationRepository.js";
import { DEFAULT_RATE_LIMITS, RateLimitPolicy } from "../../src/application/ports/RateLimitPolicy.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import { deleteQuestion } from "../../src/application/question/deleteQuestion.js";
import { getQuestion } from "../../src/application/question/getQuestion.js";
import { listQuestions } from "../../src/application/question/listQuestions.js";
import { questionRevisions } from "../../src/application/question/questionRevisions.js";
import { updateQuestion } from "../../src/application/question/updateQuestion.js";
import { SEARCH_ENGINE_CONSUMER } from "../../src/application/search/syncSearchIndex.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp, postingLimitsOn, type TestApp } from "../support/testLayer.js";

const ANSWER = "애월 한담해변 근처 숙성도 추천드려요. 웨이팅이 있으니 일찍 가세요.";
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const emailOf = async (app: TestApp, id: Parameters<UserRepository["Service"]["findById"]>[0]) =>
  (await app.run(UserRepository.use((r) => r.findById(id))))?.email ?? "";
const moderatorIn = async (app: TestApp, name = "운영자") => {
  const m = await registerUser(app, name);
  await app.run(grantRole(await emailOf(app, m.id), "moderator"));
  return m;
};
const pendingSearchEvents = (app: TestApp) => app.run(EventLog.use((l) => l.pending(SEARCH_ENGINE_CONSUMER, 1000)));

describe("editing and deleting", () => {
  it("the author edits a question under the ask's rules; revisions keep every version; search hears of it", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "질문자");
    const q = await ask(app, asker.id);
    const before = (await pendingSearchEvents(app)).length;
    app.clock.advance(MINUTE);
    const edited = await app.run(updateQuestion(q.id, asker.id, { title: "애월 흑돼지 맛집 (주차 되는 곳) 추천해주세요" }));
    expect(edited).toMatchObject({ title: "애월 흑돼지 맛집 (주차 되는 곳) 추천해주세요", content: q.content, regionCode: q.regionCode });
    expect((await app.failure(updateQuestion(q.id, asker.id, { title: "짧아" })))._tag).toBe("QuestionTitleLength");
    const revisions = await app.run(questionRevisions(q.id, null));
    expect(revisions.map((r) => [r.revision, r.title])).toEqual([
      [1, q.title],
      [2, edited.title],
    ]);
    const events = await pendingSearchEvents(app);
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)?.event).toMatchObject({ _tag: "QuestionChanged", questionId: q.id, text: { title: edited.title } });
  });

  it("someone else cannot edit or delete; a question with answers keeps its region", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "질문자");
    const other = await registerUser(app, "남");
    const q = await ask(app, asker.id);
    expect((await app.failure(updateQuestion(q.id, other.id, { title: "남이 바꾼 질문 제목입니다" })))._tag).toBe("NotQuestionAuthor");
    expect((await app.failure(deleteQuestion(q.id, other.id)))._tag).toBe("NotQuestionAuthor");
    await app.run(postAnswer({ questionId: q.id, authorId: other.id, content: ANSWER }));
    expect((await app.failure(updateQuestion(q.id, asker.id, { regionCode: "KR-49-02-05" })))._tag).toBe("QuestionRegionLocked");
  });

  it("answers: the author edits (an accepted one too, audited), deletes unless accepted; a moderator may delete it", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "질문자");
    const local = await registerUser(app, "현지인");
    const q = await ask(app, asker.id);
    const a = await app.run(postAnswer({ questionId: q.id, authorId: local.id, content: ANSWER }));
    await app.run(acceptAnswer({ answerId: a.id, actorId: asker.id }));
    const edited = await app.run(updateAnswer(a.id, local.id, `${ANSWER} 주차장도 넓어요.`));
    expect(edited.isAccepted).toBe(true);
    expect((await app.run(answerRevisions(a.id, null))).map((r) => r.content)).toEqual([ANSWER, `${ANSWER} 주차장도 넓어요.`]);
    const audit = await app.run(ModerationRepository.use((r) => r.auditOf({ type: "answer", id: a.id })));
    expect(audit.map((e) => e.action)).toEqual(["edit_accepted_answer"]);
    expect((await app.failure(deleteAnswer(a.id, local.id)))._tag).toBe("AcceptedAnswerUndeletable");
    expect((await app.failure(updateAnswer(a.id, asker.id, "질문자가 남의 답변을 고쳐 봅니다")))._tag).toBe("NotAnswerAuthor");
    const moderator = await moderatorIn(app);
    await app.run(deleteAnswer(a.id, moderator.id));
    const page = await app.run(getQuestion(q.id, null));
    expect(page.answers).toEqual([]);
    expect(page.question.answerCount).toBe(0);
    expect((await app.run(ModerationRepository.use((r) => r.auditOf({ type: "answer", id: a.id })))).map((e) => e.action)).toEqual([
      "edit_accepted_answer",
      "delete",
    ]);
  });

  it("a deleted question leaves listings and direct reads; twice is not found", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "질문자");
    const q = await ask(app, asker.id);
    await app.run(deleteQuestion(q.id, asker.id));
    expect((await app.failure(getQuestion(q.id, asker.id)))._tag).toBe("QuestionNotFound");
    expect((await app.run(listQuestions({}))).items.map((x) => x.id)).not.toContain(q.id);
    expect((await app.failure(deleteQuestion(q.id, asker.id)))._tag).toBe("QuestionNotFound");
  });
});

describe("flags and review", () => {
  it("three distinct flags hide a post for everyone but its author and moderators, notify the author; resolve restores", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "질문자");
    const [f1, f2, f3] = [await registerUser(app, "이웃1"), await registerUser(app, "이웃2"), await registerUser(app, "이웃3")];
    if (!f1 || !f2 || !f3) throw new Error("users");
    const q = await ask(app, asker.id);
    const target = { type: "question", id: q.id } as const;
    expect(await app.run(flagPost(target, f1.id, "spam"))).toEqual({ hidden: false });
    expect((await app.failure(flagPost(target, f1.id, "abuse")))._tag).toBe("AlreadyFlagged");
    expect((await app.failure(flagPost(target, asker.id, "spam")))._tag).toBe("CannotFlagOwnPost");
    expect(await app.run(flagPost(target, f2.id, "spam"))).toEqual({ hidden: false });
    expect(await app.run(flagPost(target, f3.id, "abuse"))).toEqual({ hidden: true });

    expect((await app.failure(getQuestion(q.id, f1.id)))._tag).toBe("QuestionNotFound");
    expect((await app.failure(getQuestion(q.id, null)))._tag).toBe("QuestionNotFound");
    expect((await app.run(getQuestion(q.id, asker.id))).question.status).toBe("hidden");
    expect((await app.run(listQuestions({}))).items.map((x) => x.id)).not.toContain(q.id);
    const notes = await app.run(listNotifications(asker.id, {}));
    expect(notes.items.map((n) => n.type)).toContain("post_hidden");

    const moderator = await moderatorIn(app);
    expect((await app.run(getQuestion(q.id, moderator.id))).question.id).toBe(q.id);
    expect((await app.failure(moderationQueue(f1.id, 10)))._tag).toBe("NotModerator");
    const queue = await app.run(moderationQueue(moderator.id, 10));
    expect(queue.items.map((i) => [i.review.target.id, i.flagCount, i.review.cause, i.review.hidden])).toEqual([[q.id, 3, "flags", true]]);
    expect((await app.failure(resolveReview(target, "restore", f1.id)))._tag).toBe("NotModerator");
    await app.run(resolveReview(target, "restore", moderator.id));
    expect((await app.run(getQuestion(q.id, null))).question.status).toBe("open");
    expect((await app.failure(resolveReview(target, "delete", moderator.id)))._tag).toBe("ReviewNotFound");
    expect((await app.run(moderationQueue(moderator.id, 10))).items).toEqual([]);
    const audit = await app.run(ModerationRepository.use((r) => r.auditOf(target)));
    expect(audit.map((e) => e.action)).toEqual(["flag", "flag", "flag", "hide_pending_review", "resolve_restore"]);
  });

  it("a hidden answer shows to its author and moderators only; resolve delete removes it", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "질문자");
    const answerer = await registerUser(app, "답변자");
    const flaggers = [await registerUser(app, "이웃1"), await registerUser(app, "이웃2"), await registerUser(app, "이웃3")];
    const q = await ask(app, asker.id);
    const a = await app.run(postAnswer({ questionId: q.id, authorId: answerer.id, content: ANSWER }));
    for (const f of flaggers) await app.run(flagPost({ type: "answer", id: a.id }, f.id, "spam"));
    expect((await app.run(getQuestion(q.id, null))).answers).toEqual([]);
    expect((await app.run(getQuestion(q.id, answerer.id))).answers.map((x) => x.id)).toEqual([a.id]);
    const moderator = await moderatorIn(app);
    expect((await app.run(getQuestion(q.id, moderator.id))).answers.map((x) => x.id)).toEqual([a.id]);
    await app.run(resolveReview({ type: "answer", id: a.id }, "delete", moderator.id));
    expect((await app.run(getQuestion(q.id, answerer.id))).answers).toEqual([]);
  });

  it("profanity queues a post for review without hiding it; innocent words do not", async () => {
    const app = makeTestApp();
    const asker = await registerUser(app, "질문자");
    const moderator = await moderatorIn(app);
    const rude = await ask(app, asker.id, { content: "아 시 발 진짜 애월 흑돼지 맛집 어디예요 알려주세요" });
    await ask(app, asker.id, { content: "시발점에서 출발해서 수박 어디서 사요? 십팔번 노래방도 궁금해요" });
    const queue = await app.run(moderationQueue(moderator.id, 10));
    expect(queue.items.map((i) => [i.review.target.id, i.review.cause, i.review.hidden])).toEqual([[rude.id, "profanity", false]]);
    expect((await app.run(getQuestion(rude.id, null))).question.status).toBe("open");
  });

  it("admin.setVerificationLevel: admins only, audited", async () => {
    const app = makeTestApp();
    const user = await registerUser(app, "가이드");
    const moderator = await moderatorIn(app);
    const admin = await registerUser(app, "관리자");
    await app.run(grantRole(await emailOf(app, admin.id), "admin"));
    expect((await app.failure(setVerificationLevel(moderator.id, user.id, 3)))._tag).toBe("NotAdmin");
    expect((await app.run(setVerificationLevel(admin.id, user.id, 3))).verificationLevel).toBe(3);
    expect((await app.run(UserRepository.use((r) => r.findById(user.id))))?.verificationLevel).toBe(3);
    const audit = await app.run(ModerationRepository.use((r) => r.auditOf({ type: "user", id: user.id })));
    expect(audit.map((e) => [e.action, e.detail])).toEqual([["set_verification_level", { from: 0, to: 3 }]]);
  });
});

describe("posting limits (defaults)", () => {
  const question = (authorId: Parameters<typeof askQuestion>[0]["authorId"], n: number) =>
    askQuestion({
      authorId,
      title: `새내기의 ${n}번째 질문입니다 알려주세요`,
      content: `애월에서 ${n}번째로 궁금한 것이 있어서 질문을 올립니다.`,
      regionCode: "KR-49-01-02",
    });

  it("a new user asks 3 questions a day, then RATE_LIMITED with when to retry; a day later, or verified, more", async () => {
    const app = makeTestApp(postingLimitsOn());
    const fresh = await registerUser(app, "새내기");
    for (let i = 1; i <= 3; i++) await app.run(question(fresh.id, i));
    const limited = await app.failure(question(fresh.id, 4));
    expect(limited).toMatchObject({ _tag: "RateLimited", limit: "newUserQuestions" });
    expect((limited as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(23 * HOUR);
    // Limits on the clock of the limiter (real time); the account's age on the application's clock.
    app.clock.advance(25 * HOUR);
    await app.run(question(fresh.id, 5));
  });

  it("a new user's answers are a minute apart and carry at most 2 links; the same text twice is DUPLICATE_POST", async () => {
    const app = makeTestApp(postingLimitsOn());
    const asker = await registerUser(app, "질문자");
    const fresh = await registerUser(app, "새내기");
    const q = await ask(app, asker.id);
    const links = "https://a.kr/1 https://b.kr/2 https://c.kr/3 추천드려요";
    expect(await app.failure(postAnswer({ questionId: q.id, authorId: fresh.id, content: links }))).toMatchObject({
      _tag: "TooManyLinks",
      max: 2,
      actual: 3,
    });
    const first = await app.run(postAnswer({ questionId: q.id, authorId: fresh.id, content: ANSWER }));
    // An edit is no new answer: the spacing does not apply to it.
    await app.run(updateAnswer(first.id, fresh.id, `${ANSWER} 고쳐 씀`));
    const spaced = await app.failure(postAnswer({ questionId: q.id, authorId: fresh.id, content: `${ANSWER} 하나 더` }));
    expect(spaced).toMatchObject({ _tag: "RateLimited", limit: "newUserAnswers" });
    expect((spaced as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(MINUTE);
    // An older account: no new-user limits, but the same text again is a repost.
    app.clock.advance(25 * HOUR);
    await app.run(postAnswer({ questionId: q.id, authorId: asker.id, content: "제가 찾아보니 한림 쪽도 괜찮대요 참고하세요" }));
    const again = await app.failure(
      postAnswer({ questionId: q.id, authorId: asker.id, content: " 제가 찾아보니  한림 쪽도 괜찮대요 참고하세요" }),
    );
    expect(again._tag).toBe("DuplicatePost");
    await app.run(postAnswer({ questionId: q.id, authorId: fresh.id, content: `${links.slice(15)} 두 개는 괜찮아요` }));
  });

  it("a refused post gives its attempts back; RATE_LIMITS=off (the policy switched off) allows everything", async () => {
    const app = makeTestApp(postingLimitsOn());
    const fresh = await registerUser(app, "새내기");
    const bad = await app.failure(
      askQuestion({ authorId: fresh.id, title: "새내기 질문 제목입니다", content: "짧아", regionCode: "KR-49-01-02" }),
    );
    expect(bad._tag).toBe("QuestionContentLength");
    for (let i = 1; i <= 3; i++) await app.run(question(fresh.id, i));
    const off = makeTestApp(Layer.mergeAll(postingLimitsOn(), Layer.succeed(RateLimitPolicy, { ...DEFAULT_RATE_LIMITS, enabled: false })));
    const user = await registerUser(off, "새내기");
    for (let i = 1; i <= 5; i++) await off.run(question(user.id, 1));
  });
});
