import { Effect } from "effect";
import { isContribution, writeAnswer } from "../../domain/answer/answer.js";
import { accountOf, award } from "../../domain/ledger/ledger.js";
import { distinctKeys } from "../../domain/media/media.js";
import { newAnswer } from "../../domain/notification/notification.js";
import { isListed, MAX_IMAGES } from "../../domain/question/question.js";
import { AnswerId, type QuestionId, type UserId } from "../../domain/shared/ids.js";
import { refreshBadges } from "../badge/refreshBadges.js";
import { UserNotFound } from "../errors.js";
import { fromDomain } from "../fromDomain.js";
import { awardPoints } from "../ledger/awardPoints.js";
import { attachMedia } from "../media/attachMedia.js";
import { confirmForPost } from "../media/confirmUpload.js";
import { withPostingLimits } from "../moderation/postingLimits.js";
import { screenPost } from "../moderation/screenPost.js";
import { notify } from "../notification/notify.js";
import { scheduleAcceptReminder } from "../notification/remindToAccept.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { Clock } from "../ports/Clock.js";
import { Events } from "../ports/Events.js";
import { Ids } from "../ports/Ids.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";

export interface PostAnswerInput {
  readonly questionId: QuestionId;
  readonly authorId: UserId;
  readonly content: string;
  readonly images?: readonly string[];
}

/**
 * Answer points are paid once per (answerer, question), so many short answers earn no more than one;
 * an answer on one's own question earns nothing. Locks: the question, then the answerer (the order of
 * every unit that holds both).
 */
export const postAnswer = Effect.fn("postAnswer")(function* (input: PostAnswerInput) {
  const questions = yield* QuestionRepository;
  const users = yield* UserRepository;
  const now = yield* (yield* Clock).now;
  const id = AnswerId(yield* (yield* Ids).next);
  const images = distinctKeys(input.images ?? []);
  // The count is the domain's rule (writeAnswer); checked first here so no more than MAX_IMAGES are processed.
  if (images.length > MAX_IMAGES) return yield* Effect.fail({ _tag: "TooManyImages" as const, max: MAX_IMAGES, actual: images.length });
  return yield* withPostingLimits(
    { kind: "answer", authorId: input.authorId, text: input.content, linkText: input.content },
    Effect.gen(function* () {
      yield* confirmForPost(images, input.authorId);
      return yield* (yield* UnitOfWork).transact(
        Effect.gen(function* () {
          const question = yield* questions.findForUpdate(input.questionId);
          if (!question || !isListed(question)) return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
          const answer = yield* fromDomain(writeAnswer(question, { ...input, id, images }, now));
          const contributes = isContribution(question, answer.authorId);
          const author = yield* users.addToCounters(answer.authorId, { answers: contributes ? 1 : 0 });
          if (!author) return yield* Effect.fail(UserNotFound);
          yield* (yield* AnswerRepository).insert(answer);
          yield* attachMedia(answer.images, answer.authorId, { kind: "answer", id: answer.id });
          yield* questions.addToCounters(question.id, { answers: 1 });
          // The first answer schedules the asker's 48 h accept reminder, with the answer (same transaction).
          yield* scheduleAcceptReminder(question);
          yield* screenPost({ type: "answer", id: answer.id }, answer.authorId, answer.content);
          const changed = { _tag: "AnswerChanged", questionId: question.id, answerId: answer.id } as const;
          if (!contributes) {
            yield* (yield* Events).record([changed]);
            return answer;
          }
          yield* awardPoints(award(author.id, "earn_answer", { type: "question", id: question.id }), accountOf(author));
          const notified = yield* notify(
            newAnswer(question.authorId, question.title, author.nickname, { questionId: question.id, answerId: answer.id }),
          );
          yield* (yield* Events).record([changed, ...notified, ...(yield* refreshBadges(author, { answerCount: author.answerCount - 1 }))]);
          return answer;
        }),
      );
    }),
  );
});
