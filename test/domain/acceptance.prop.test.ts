import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { acceptAnswer } from "../../src/domain/answer/acceptance.js";
import { QUESTION_STATUSES } from "../../src/domain/question/question.js";
import { AnswerId, QuestionId, UserId } from "../../src/domain/shared/ids.js";
import { anAnswer, aQuestion, T0 } from "../support/builders.js";

const user = fc.constantFrom("asker", "local", "visitor").map(UserId);

describe("accepting an answer", () => {
  test.prop([user, user, user, fc.constantFrom(...QUESTION_STATUSES), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean()])(
    "succeeds exactly for the question's author, on someone else's live answer of that open question with none accepted",
    (asker, answerer, actor, status, alreadyAccepted, answerDeleted, questionDeleted, otherQuestion) => {
      const question = aQuestion({
        authorId: asker,
        status,
        acceptedAnswerId: alreadyAccepted ? AnswerId("earlier") : null,
        deletedAt: questionDeleted ? T0 : null,
      });
      const answer = anAnswer({
        authorId: answerer,
        deletedAt: answerDeleted ? T0 : null,
        questionId: otherQuestion ? QuestionId("q2") : question.id,
      });
      const allowed =
        actor === asker &&
        answerer !== actor &&
        status === "open" &&
        !alreadyAccepted &&
        !answerDeleted &&
        !questionDeleted &&
        !otherQuestion;
      const result = acceptAnswer(question, answer, actor, T0);
      expect(result.isOk()).toBe(allowed);
      if (result.isOk()) {
        const { question: q, answer: a } = result.value;
        expect(q.status).toBe("answered");
        expect(q.acceptedAnswerId).toBe(answer.id);
        expect(a.isAccepted).toBe(true);
        // once accepted, no answer (this one or another) can be accepted again
        expect(acceptAnswer(q, a, actor, T0)._unsafeUnwrapErr()._tag).toBe("AnswerAlreadyAccepted");
        expect(acceptAnswer(q, anAnswer({ id: AnswerId("a9"), authorId: UserId("visitor2") }), actor, T0).isErr()).toBe(true);
      }
    },
  );

  test("says why it refuses", () => {
    const q = aQuestion();
    expect(acceptAnswer(q, anAnswer(), UserId("local"), T0)._unsafeUnwrapErr()._tag).toBe("NotQuestionAuthor");
    expect(acceptAnswer(q, anAnswer({ authorId: UserId("asker") }), UserId("asker"), T0)._unsafeUnwrapErr()._tag).toBe(
      "CannotAcceptOwnAnswer",
    );
    expect(acceptAnswer(aQuestion({ status: "closed" }), anAnswer(), UserId("asker"), T0)._unsafeUnwrapErr()._tag).toBe("QuestionNotOpen");
    expect(acceptAnswer(q, anAnswer({ deletedAt: T0 }), UserId("asker"), T0)._unsafeUnwrapErr()._tag).toBe("AnswerNotFound");
  });
});
