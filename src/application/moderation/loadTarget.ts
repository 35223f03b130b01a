import { Effect } from "effect";
import type { Answer } from "../../domain/answer/answer.js";
import type { PostTarget } from "../../domain/moderation/moderation.js";
import type { Question } from "../../domain/question/question.js";
import { AnswerId, QuestionId } from "../../domain/shared/ids.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";

export type LoadedTarget =
  | { readonly type: "question"; readonly question: Question; readonly answer: null }
  | { readonly type: "answer"; readonly question: Question; readonly answer: Answer };

/**
 * A flagged or reviewed post with its question, the question's row locked (flags and resolutions of one
 * question queue there, so the threshold is crossed exactly once). Undefined for an unknown or deleted post.
 */
export const loadTargetForUpdate = Effect.fn("loadTargetForUpdate")(function* (target: PostTarget) {
  const questions = yield* QuestionRepository;
  if (target.type === "question") {
    const question = yield* questions.findForUpdate(QuestionId(target.id));
    return question && question.deletedAt === null ? ({ type: "question", question, answer: null } as LoadedTarget) : undefined;
  }
  const question = yield* questions.findForUpdateByAnswer(AnswerId(target.id));
  const answer = question ? yield* (yield* AnswerRepository).findById(AnswerId(target.id)) : undefined;
  if (!question || !answer || answer.deletedAt !== null || question.deletedAt !== null) return undefined;
  return { type: "answer", question, answer } as LoadedTarget;
});

export const authorOf = (t: LoadedTarget) => (t.type === "question" ? t.question.authorId : t.answer.authorId);
export const isHidden = (t: LoadedTarget) => (t.type === "question" ? t.question.status === "hidden" : t.answer.hiddenAt !== null);
