import { Effect } from "effect";
import { editAnswer } from "../../domain/answer/edit.js";
import type { AnswerId, UserId } from "../../domain/shared/ids.js";
import { fromDomain } from "../fromDomain.js";
import { recordAudit } from "../moderation/audit.js";
import { withPostingLimits } from "../moderation/postingLimits.js";
import { appendRevision } from "../moderation/revisions.js";
import { screenPost } from "../moderation/screenPost.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { Clock } from "../ports/Clock.js";
import { Events } from "../ports/Events.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { findAnswerForUpdate } from "./findAnswerForUpdate.js";

/**
 * The author rewrites their answer (the posting rules apply as to a new answer: length, a new user's links,
 * the repost check; the new-user answer spacing does not: an edit is no new answer). An accepted answer may be edited, and every such edit is written to the moderation audit
 * log (the asker accepted another text). Appended to its revisions; AnswerChanged refreshes search and caches.
 */
export const updateAnswer = Effect.fn("updateAnswer")(function* (id: AnswerId, actorId: UserId, content: string) {
  const now = yield* (yield* Clock).now;
  return yield* withPostingLimits(
    { kind: "answer", authorId: actorId, text: content, linkText: content, counts: false },
    (yield* UnitOfWork).transact(
      Effect.gen(function* () {
        const { question, answer } = yield* findAnswerForUpdate(id, actorId);
        const edited = yield* fromDomain(editAnswer(answer, actorId, content, now));
        yield* (yield* AnswerRepository).save(edited);
        const target = { type: "answer", id } as const;
        yield* appendRevision(target, answer, edited, actorId, now);
        if (answer.isAccepted) yield* recordAudit({ actorId, action: "edit_accepted_answer", target, detail: { questionId: question.id } });
        yield* (yield* Events).record([{ _tag: "AnswerChanged", questionId: question.id, answerId: id }]);
        yield* screenPost(target, answer.authorId, edited.content);
        return edited;
      }),
    ),
  );
});
