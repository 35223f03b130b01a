import { Effect } from "effect";
import type { AnswerNotFound } from "../../domain/answer/acceptance.js";
import { isVisibleTo } from "../../domain/question/question.js";
import type { AnswerId, UserId } from "../../domain/shared/ids.js";
import { type Actor, canModerate } from "../../domain/user/role.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";

/**
 * An answer and its question for a change, the question's row locked first (the order of every unit that
 * holds both). Not found for a deleted answer, and for one the actor may not see (hidden, or on a question
 * they may not see) unless they moderate.
 */
export const findAnswerForUpdate = Effect.fn("findAnswerForUpdate")(function* (id: AnswerId, actor: Actor | UserId) {
  const actorId = typeof actor === "string" ? actor : actor.id;
  const moderator = typeof actor !== "string" && canModerate(actor.role);
  const question = yield* (yield* QuestionRepository).findForUpdateByAnswer(id);
  const answer = question ? yield* (yield* AnswerRepository).findById(id) : undefined;
  const visible =
    question !== undefined &&
    answer !== undefined &&
    answer.deletedAt === null &&
    (moderator || (isVisibleTo(question, actorId) && (answer.hiddenAt === null || answer.authorId === actorId)));
  if (!visible || !question || !answer) return yield* Effect.fail<AnswerNotFound>({ _tag: "AnswerNotFound" });
  return { question, answer };
});
