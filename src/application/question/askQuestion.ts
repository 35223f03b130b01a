import { Effect } from "effect";
import { accountOf, award } from "../../domain/ledger/ledger.js";
import { distinctKeys } from "../../domain/media/media.js";
import { isEscalated } from "../../domain/notification/escalation.js";
import { type AskInput, askQuestion as ask } from "../../domain/question/question.js";
import { QuestionId, type UserId } from "../../domain/shared/ids.js";
import { isUrgentForWebhooks } from "../../domain/webhook/webhook.js";
import { refreshBadges } from "../badge/refreshBadges.js";
import { UserNotFound } from "../errors.js";
import { escalationJob } from "../escalation/escalateQuestion.js";
import { fromDomain } from "../fromDomain.js";
import { awardPoints } from "../ledger/awardPoints.js";
import { attachMedia } from "../media/attachMedia.js";
import { confirmForPost } from "../media/confirmUpload.js";
import { withPostingLimits } from "../moderation/postingLimits.js";
import { screenPost } from "../moderation/screenPost.js";
import { Clock } from "../ports/Clock.js";
import { Events, questionAsked } from "../ports/Events.js";
import { HashtagRepository } from "../ports/HashtagRepository.js";
import { Ids } from "../ports/Ids.js";
import { JobQueue } from "../ports/JobQueue.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { UserRepository } from "../ports/UserRepository.js";
import { recordLocationUse, requireLocationConsent } from "../privacy/locationAccess.js";
import { announceToWebhooks } from "../webhook/announceToWebhooks.js";

export type AskQuestionInput = Omit<AskInput, "id" | "authorId"> & { readonly authorId: UserId };

export const askQuestion = Effect.fn("askQuestion")(function* (input: AskQuestionInput) {
  const catalog = yield* (yield* RegionRepository).catalog;
  const now = yield* (yield* Clock).now;
  const id = QuestionId(yield* (yield* Ids).next);
  const question = yield* fromDomain(ask({ ...input, id, images: distinctKeys(input.images ?? []) }, catalog, now));
  // A location on a question is the asker's location data: it needs their location consent.
  if (question.location !== null) yield* requireLocationConsent(question.authorId);
  // Limits after the rules (input they refuse counts against nothing), before any image work.
  yield* withPostingLimits(
    { kind: "question", authorId: question.authorId, text: `${question.title}\n${question.content}` },
    Effect.gen(function* () {
      // Images are checked and re-encoded before the unit of work, which then only attaches them.
      yield* confirmForPost(question.images, question.authorId);
      yield* (yield* UnitOfWork).transact(
        Effect.gen(function* () {
          // First the author's row: every unit that writes a user's account locks it before anything else.
          const author = yield* (yield* UserRepository).addToCounters(question.authorId, { questions: 1 });
          if (!author) return yield* Effect.fail(UserNotFound);
          yield* (yield* QuestionRepository).insert(question);
          // Shown to every reader of the question (coarsened unless marked a public place).
          if (question.location !== null)
            yield* recordLocationUse({
              userId: question.authorId,
              purpose: "question_location",
              recipient: "public",
              reference: question.id,
            });
          yield* attachMedia(question.images, question.authorId, { kind: "question", id: question.id });
          yield* awardPoints(award(author.id, "earn_first_question", { type: "first-question", id: author.id }), accountOf(author));
          const events = yield* refreshBadges(author, { questionCount: author.questionCount - 1 });
          yield* (yield* Events).record([questionAsked(question, author.nickname), ...events]);
          yield* screenPost({ type: "question", id: question.id }, question.authorId, `${question.title}\n${question.content}`);
          // An urgent question's first ring of locals, enqueued with the question (it exists exactly if the ask commits).
          if (isEscalated(question.urgency)) yield* (yield* JobQueue).enqueue(escalationJob(question.id));
          // Partners' webhooks of the region hear of it too, their deliveries committed with the question.
          if (isUrgentForWebhooks(question.urgency)) yield* announceToWebhooks("question.urgent", question, question.createdAt);
          // Last: a popular tag's counter row is shared by every asker, so hold its lock only until commit.
          yield* (yield* HashtagRepository).recordUses(question.hashtags, now);
        }),
      );
    }),
  );
  return question;
});
