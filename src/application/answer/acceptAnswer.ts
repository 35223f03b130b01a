import { Effect } from "effect";
import { acceptAnswer as accept } from "../../domain/answer/acceptance.js";
import { accountOf, award } from "../../domain/ledger/ledger.js";
import { answerAccepted } from "../../domain/notification/notification.js";
import type { AnswerId, UserId } from "../../domain/shared/ids.js";
import { refreshBadges } from "../badge/refreshBadges.js";
import { UserNotFound } from "../errors.js";
import { fromDomain } from "../fromDomain.js";
import { awardPoints } from "../ledger/awardPoints.js";
import { notify } from "../notification/notify.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { Clock } from "../ports/Clock.js";
import { Events } from "../ports/Events.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { announceToWebhooks } from "../webhook/announceToWebhooks.js";

/**
 * One unit of work: acceptance, question status, ledger entry and balance, counters, badges and the
 * notification commit together. The question row is locked first, so concurrent accepts serialize
 * and all but one find the question already answered. Partners' webhooks of the region get their deliveries in it too.
 */
export const acceptAnswer = Effect.fn("acceptAnswer")(function* (input: { readonly answerId: AnswerId; readonly actorId: UserId }) {
  const answers = yield* AnswerRepository;
  const questions = yield* QuestionRepository;
  const now = yield* (yield* Clock).now;
  const result = yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      // The question first, then the answer as of that lock, then its author's row: one order for every unit.
      const question = yield* questions.findForUpdateByAnswer(input.answerId);
      const answer = question ? yield* answers.findById(input.answerId) : undefined;
      // A hidden answer (pending review) is not there for the asker to accept.
      if (!question || !answer || answer.hiddenAt !== null) return yield* Effect.fail({ _tag: "AnswerNotFound" as const });
      if (question.status === "hidden") return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
      const accepted = yield* fromDomain(accept(question, answer, input.actorId, now));
      yield* questions.save(accepted.question);
      yield* answers.save(accepted.answer);
      const author = yield* (yield* UserRepository).addToCounters(answer.authorId, { accepted: 1 });
      if (!author) return yield* Effect.fail(UserNotFound);
      const entry = yield* awardPoints(award(author.id, "earn_accepted_answer", { type: "answer", id: answer.id }), accountOf(author));
      const pointsAwarded = entry?.amount ?? 0;
      const notified = yield* notify(
        answerAccepted(author.id, question.title, pointsAwarded, { questionId: question.id, answerId: answer.id }),
        author,
      );
      const badgeEvents = yield* refreshBadges(author, { acceptedAnswerCount: author.acceptedAnswerCount - 1 });
      yield* (yield* Events).record([
        { _tag: "QuestionChanged", questionId: question.id },
        { _tag: "AnswerChanged", questionId: question.id, answerId: answer.id },
        ...notified,
        ...badgeEvents,
      ]);
      // Partners' webhooks of the question's region: deliveries and their jobs commit with the acceptance.
      yield* announceToWebhooks("question.accepted", accepted.question, accepted.question.acceptedAt ?? now, {
        acceptedAnswerId: answer.id,
      });
      return { question: accepted.question, answer: accepted.answer, pointsAwarded };
    }),
  );
  return result;
});
