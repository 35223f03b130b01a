import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { deleteAnswer, editAnswer } from "../../src/domain/answer/edit.js";
import { deleteQuestion, editQuestion } from "../../src/domain/question/edit.js";
import { askQuestion } from "../../src/domain/question/question.js";
import { AnswerId, UserId } from "../../src/domain/shared/ids.js";
import { charLength } from "../../src/domain/shared/text.js";
import { ROLES } from "../../src/domain/user/role.js";
import { anAnswer, aQuestion, jejuCatalog, T0 } from "../support/builders.js";

const LATER = new Date(T0.getTime() + 60_000);
const author = UserId("author");
const other = UserId("other");
const hangulText = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."제주애월오름카페맛집흑돼지 공항버스날씨"), minLength: min, maxLength: max });
const question = aQuestion({ authorId: author, regionCode: "KR-49-01-02" });

describe("editing a question", () => {
  test.prop([hangulText(0, 260), hangulText(0, 2100)])("validates exactly as an ask does", (title, content) => {
    const edit = editQuestion(question, author, { title, content }, jejuCatalog, LATER);
    const ask = askQuestion({ id: question.id, authorId: author, title, content, regionCode: question.regionCode }, jejuCatalog, LATER);
    expect(edit.isOk()).toBe(ask.isOk());
    if (edit.isErr() && ask.isErr()) expect(edit.error._tag).toBe(ask.error._tag);
    if (edit.isOk()) {
      // The question's own state stays: status, counters, acceptance, images, creation.
      const { title: t, content: c, updatedAt, category, ...rest } = edit.value;
      const { title: _t, content: _c, updatedAt: _u, category: _cat, ...before } = question;
      expect(rest).toEqual(before);
      expect(updatedAt).toEqual(LATER);
      expect(charLength(t)).toBeGreaterThanOrEqual(10);
      expect(c.length).toBeGreaterThan(0);
      expect(category).toBe(question.category);
    }
  });

  test.prop([fc.integer({ min: 0, max: 20 }), fc.constantFrom("KR-49-01-02", "KR-49-02-05", "KR-49-01")])(
    "a question with answers keeps its region; one without may move",
    (answerCount, regionCode) => {
      const r = editQuestion({ ...question, answerCount }, author, { regionCode }, jejuCatalog, LATER);
      const moves = regionCode !== question.regionCode;
      if (answerCount > 0 && moves) expect(r._unsafeUnwrapErr()._tag).toBe("QuestionRegionLocked");
      else expect(r._unsafeUnwrap().regionCode).toBe(regionCode);
    },
  );

  it("only the author edits; a deleted question is not found", () => {
    expect(editQuestion(question, other, { title: "다른 사람이 고친 제목입니다" }, jejuCatalog, LATER)._unsafeUnwrapErr()._tag).toBe(
      "NotQuestionAuthor",
    );
    expect(editQuestion({ ...question, deletedAt: T0 }, author, {}, jejuCatalog, LATER)._unsafeUnwrapErr()._tag).toBe("QuestionNotFound");
  });
});

describe("deleting", () => {
  test.prop([fc.constantFrom(...ROLES), fc.boolean(), fc.boolean(), fc.boolean()])(
    "a question: the author unless an answer is accepted, a moderator always; never twice",
    (role, isAuthor, accepted, deleted) => {
      const q = { ...question, acceptedAnswerId: accepted ? AnswerId("a1") : null, deletedAt: deleted ? T0 : null };
      const r = deleteQuestion(q, { id: isAuthor ? author : other, role }, LATER);
      const moderator = role !== "user";
      if (deleted) expect(r._unsafeUnwrapErr()._tag).toBe("QuestionNotFound");
      else if (!isAuthor && !moderator) expect(r._unsafeUnwrapErr()._tag).toBe("NotQuestionAuthor");
      else if (accepted && !moderator) expect(r._unsafeUnwrapErr()._tag).toBe("QuestionHasAcceptedAnswer");
      else expect(r._unsafeUnwrap().deletedAt).toEqual(LATER);
    },
  );

  test.prop([fc.constantFrom(...ROLES), fc.boolean(), fc.boolean(), fc.boolean()])(
    "an answer: the author unless it is accepted, a moderator always; never twice",
    (role, isAuthor, accepted, deleted) => {
      const a = anAnswer({ authorId: author, isAccepted: accepted, acceptedAt: accepted ? T0 : null, deletedAt: deleted ? T0 : null });
      const r = deleteAnswer(a, { id: isAuthor ? author : other, role }, LATER);
      const moderator = role !== "user";
      if (deleted) expect(r._unsafeUnwrapErr()._tag).toBe("AnswerNotFound");
      else if (!isAuthor && !moderator) expect(r._unsafeUnwrapErr()._tag).toBe("NotAnswerAuthor");
      else if (accepted && !moderator) expect(r._unsafeUnwrapErr()._tag).toBe("AcceptedAnswerUndeletable");
      else expect(r._unsafeUnwrap().deletedAt).toEqual(LATER);
    },
  );
});

describe("editing an answer", () => {
  test.prop([hangulText(0, 1100), fc.boolean()])(
    "the author's text under the answer's length rule; accepted ones too",
    (content, accepted) => {
      const a = anAnswer({ authorId: author, isAccepted: accepted, acceptedAt: accepted ? T0 : null });
      const r = editAnswer(a, author, content, LATER);
      const n = charLength(content.trim());
      expect(r.isOk()).toBe(n >= 10 && n <= 1000);
      if (r.isOk()) expect(r.value).toMatchObject({ isAccepted: accepted, likeCount: a.likeCount, updatedAt: LATER });
      expect(editAnswer(a, other, "다른 사람이 고친 답변입니다 충분히 길게", LATER)._unsafeUnwrapErr()._tag).toBe("NotAnswerAuthor");
    },
  );
});
