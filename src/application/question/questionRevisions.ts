import { Effect } from "effect";
import { isVisibleTo } from "../../domain/question/question.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { canModerate } from "../../domain/user/role.js";
import { actorOf } from "../moderation/actor.js";
import { revisionsOf } from "../moderation/revisions.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";

/** A question's revisions, for whoever may read the question (its author and moderators while it is hidden). */
export const questionRevisions = Effect.fn("questionRevisions")(function* (id: QuestionId, viewerId: UserId | null) {
  const question = yield* (yield* QuestionRepository).findById(id);
  const visible =
    question !== undefined &&
    (isVisibleTo(question, viewerId) || (question.deletedAt === null && viewerId !== null && canModerate((yield* actorOf(viewerId)).role)));
  if (!question || !visible) return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
  return yield* revisionsOf({ type: "question", id }, question);
});
