import { Effect } from "effect";
import { isListed } from "../../domain/question/question.js";
import type { AnswerId, UserId } from "../../domain/shared/ids.js";
import { checkLike } from "../../domain/shared/like.js";
import { fromDomain } from "../fromDomain.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { Events } from "../ports/Events.js";
import { LikeRepository } from "../ports/LikeRepository.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";

/** Idempotent: liking twice counts once. */
export const likeAnswer = Effect.fn("likeAnswer")(function* (id: AnswerId, actorId: UserId) {
  const answers = yield* AnswerRepository;
  const { likeCount } = yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const answer = yield* answers.findById(id);
      const question = answer ? yield* (yield* QuestionRepository).findById(answer.questionId) : undefined;
      // A hidden answer (pending review) cannot be liked: to everyone but its author it is not there.
      if (!answer || answer.deletedAt !== null || answer.hiddenAt !== null || !question || !isListed(question))
        return yield* Effect.fail({ _tag: "AnswerNotFound" as const });
      yield* fromDomain(checkLike(answer.authorId, actorId));
      const added = yield* (yield* LikeRepository).add("answer", id, actorId);
      if (added) yield* answers.addLikes(id, 1);
      if (added) yield* (yield* Events).record([{ _tag: "AnswerChanged", questionId: answer.questionId, answerId: id }]);
      return { likeCount: answer.likeCount + (added ? 1 : 0) };
    }),
  );
  return { likeCount };
});
