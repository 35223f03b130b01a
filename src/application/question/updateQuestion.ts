import { Effect } from "effect";
import { editQuestion, type QuestionEdit } from "../../domain/question/edit.js";
import { isVisibleTo } from "../../domain/question/question.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { fromDomain } from "../fromDomain.js";
import { appendRevision } from "../moderation/revisions.js";
import { screenPost } from "../moderation/screenPost.js";
import { Clock } from "../ports/Clock.js";
import { Events, questionWritten } from "../ports/Events.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { recordLocationUse, requireLocationConsent } from "../privacy/locationAccess.js";

/**
 * The author edits their question under the ask's rules (a question with answers keeps its region). The
 * edit is appended to its revisions and reaches search and the caches through the QuestionChanged event.
 */
export const updateQuestion = Effect.fn("updateQuestion")(function* (id: QuestionId, actorId: UserId, edit: QuestionEdit) {
  const catalog = yield* (yield* RegionRepository).catalog;
  const now = yield* (yield* Clock).now;
  const questions = yield* QuestionRepository;
  // A new place on a question is the asker's location data, as on the ask.
  if (edit.location) yield* requireLocationConsent(actorId);
  return yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const question = yield* questions.findForUpdate(id);
      if (!question || !isVisibleTo(question, actorId)) return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
      const edited = yield* fromDomain(editQuestion(question, actorId, edit, catalog, now));
      yield* questions.save(edited);
      if (edit.location)
        yield* recordLocationUse({ userId: actorId, purpose: "question_location", recipient: "public", reference: question.id });
      const target = { type: "question", id: question.id } as const;
      yield* appendRevision(target, question, edited, actorId, now);
      const author = yield* (yield* UserRepository).findById(question.authorId);
      yield* (yield* Events).record([questionWritten(edited, author?.nickname ?? "")]);
      yield* screenPost(target, question.authorId, `${edited.title}\n${edited.content}`);
      return edited;
    }),
  );
});
