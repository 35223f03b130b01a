import { Effect } from "effect";
import { deleteAnswer as remove } from "../../domain/answer/edit.js";
import type { AnswerId, UserId } from "../../domain/shared/ids.js";
import { fromDomain } from "../fromDomain.js";
import { removePostMedia } from "../media/removeMedia.js";
import { actorOf } from "../moderation/actor.js";
import { recordAudit } from "../moderation/audit.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { Clock } from "../ports/Clock.js";
import { Events } from "../ports/Events.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { findAnswerForUpdate } from "./findAnswerForUpdate.js";

/**
 * Soft deletion by the author (not an accepted answer) or a moderator (logged). The question's answer count
 * drops; points already paid stay (the ledger is append-only). Its images go after the commit.
 */
export const deleteAnswer = Effect.fn("deleteAnswer")(function* (id: AnswerId, actorId: UserId) {
  const actor = yield* actorOf(actorId);
  const now = yield* (yield* Clock).now;
  const deleted = yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const { question, answer } = yield* findAnswerForUpdate(id, actor);
      const deleted = yield* fromDomain(remove(answer, actor, now));
      yield* (yield* AnswerRepository).save(deleted);
      yield* (yield* QuestionRepository).addToCounters(question.id, { answers: -1 });
      yield* (yield* Events).record([{ _tag: "AnswerChanged", questionId: question.id, answerId: id }]);
      if (answer.authorId !== actorId)
        yield* recordAudit({ actorId, action: "delete", target: { type: "answer", id }, detail: { authorId: answer.authorId } });
      return deleted;
    }),
  );
  yield* removePostMedia({ kind: "answer", id });
  return deleted;
});
