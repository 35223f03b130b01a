import { Effect } from "effect";
import { deleteQuestion as remove } from "../../domain/question/edit.js";
import { isVisibleTo } from "../../domain/question/question.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { canModerate } from "../../domain/user/role.js";
import { fromDomain } from "../fromDomain.js";
import { removePostMedia } from "../media/removeMedia.js";
import { actorOf } from "../moderation/actor.js";
import { recordAudit } from "../moderation/audit.js";
import { Clock } from "../ports/Clock.js";
import { Events } from "../ports/Events.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";

/**
 * Soft deletion by the author (not once an answer is accepted) or a moderator (logged in the audit). The
 * QuestionChanged event takes it out of search and the caches; its images go after the commit.
 */
export const deleteQuestion = Effect.fn("deleteQuestion")(function* (id: QuestionId, actorId: UserId) {
  const actor = yield* actorOf(actorId);
  const now = yield* (yield* Clock).now;
  const questions = yield* QuestionRepository;
  const deleted = yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const question = yield* questions.findForUpdate(id);
      if (!question || (!isVisibleTo(question, actorId) && !canModerate(actor.role)))
        return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
      const deleted = yield* fromDomain(remove(question, actor, now));
      yield* questions.save(deleted);
      yield* (yield* Events).record([{ _tag: "QuestionChanged", questionId: id }]);
      if (question.authorId !== actorId)
        yield* recordAudit({ actorId, action: "delete", target: { type: "question", id }, detail: { authorId: question.authorId } });
      return deleted;
    }),
  );
  yield* removePostMedia({ kind: "question", id });
  return deleted;
});
