import { Effect } from "effect";
import { isListed } from "../../domain/question/question.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { checkLike } from "../../domain/shared/like.js";
import { fromDomain } from "../fromDomain.js";
import { Events } from "../ports/Events.js";
import { LikeRepository } from "../ports/LikeRepository.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";

/** Idempotent: liking twice counts once. */
export const likeQuestion = Effect.fn("likeQuestion")(function* (id: QuestionId, actorId: UserId) {
  const questions = yield* QuestionRepository;
  const likeCount = yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const question = yield* questions.findById(id);
      if (!question || !isListed(question)) return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
      yield* fromDomain(checkLike(question.authorId, actorId));
      const added = yield* (yield* LikeRepository).add("question", id, actorId);
      if (added) yield* questions.addToCounters(id, { likes: 1 });
      if (added) yield* (yield* Events).record([{ _tag: "QuestionChanged", questionId: id }]);
      return question.likeCount + (added ? 1 : 0);
    }),
  );
  return { likeCount };
});
