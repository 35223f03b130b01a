import { err, ok, type Result } from "neverthrow";
import type { NotQuestionAuthor, Question, QuestionNotFound } from "../question/question.js";
import type { UserId } from "../shared/ids.js";
import type { Answer } from "./answer.js";

export type AnswerNotFound = { readonly _tag: "AnswerNotFound" };
export type CannotAcceptOwnAnswer = { readonly _tag: "CannotAcceptOwnAnswer" };
export type AnswerAlreadyAccepted = { readonly _tag: "AnswerAlreadyAccepted" };
export type QuestionNotOpen = { readonly _tag: "QuestionNotOpen"; readonly status: Question["status"] };

export type AcceptError =
  | QuestionNotFound
  | AnswerNotFound
  | NotQuestionAuthor
  | CannotAcceptOwnAnswer
  | AnswerAlreadyAccepted
  | QuestionNotOpen;

export interface Acceptance {
  readonly question: Question;
  readonly answer: Answer;
}

/**
 * The question's author accepts an answer of that question, not deleted, written by someone
 * else, while the question is open; a question has at most one accepted answer, ever.
 */
export const acceptAnswer = (question: Question, answer: Answer, actorId: UserId, now: Date): Result<Acceptance, AcceptError> => {
  if (question.deletedAt !== null) return err({ _tag: "QuestionNotFound" });
  if (answer.deletedAt !== null || answer.questionId !== question.id) return err({ _tag: "AnswerNotFound" });
  if (question.authorId !== actorId) return err({ _tag: "NotQuestionAuthor" });
  if (answer.authorId === actorId) return err({ _tag: "CannotAcceptOwnAnswer" });
  if (question.acceptedAnswerId !== null || answer.isAccepted) return err({ _tag: "AnswerAlreadyAccepted" });
  if (question.status !== "open") return err({ _tag: "QuestionNotOpen", status: question.status });
  return ok({
    question: { ...question, status: "answered", acceptedAnswerId: answer.id, acceptedAt: now, updatedAt: now },
    answer: { ...answer, isAccepted: true, acceptedAt: now, updatedAt: now },
  });
};
