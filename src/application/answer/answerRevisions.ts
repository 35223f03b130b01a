import { Effect } from "effect";
import type { AnswerNotFound } from "../../domain/answer/acceptance.js";
import { isVisibleTo } from "../../domain/question/question.js";
import type { AnswerId, UserId } from "../../domain/shared/ids.js";
import { canModerate } from "../../domain/user/role.js";
import { actorOf } from "../moderation/actor.js";
import { revisionsOf } from "../moderation/revisions.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";

/** An answer's revisions, for whoever may read the answer. */
export const answerRevisions = Effect.fn("answerRevisions")(function* (id: AnswerId, viewerId: UserId | null) {
  const answer = yield* (yield* AnswerRepository).findById(id);
  const question = answer ? yield* (yield* QuestionRepository).findById(answer.questionId) : undefined;
  const moderator = viewerId !== null && canModerate((yield* actorOf(viewerId)).role);
  const visible =
    answer !== undefined &&
    question !== undefined &&
    answer.deletedAt === null &&
    (moderator || (isVisibleTo(question, viewerId) && (answer.hiddenAt === null || answer.authorId === viewerId)));
  if (!answer || !visible) return yield* Effect.fail<AnswerNotFound>({ _tag: "AnswerNotFound" });
  return yield* revisionsOf({ type: "answer", id }, answer);
});
