import { Effect } from "effect";
import type { PostTarget, Resolution } from "../../domain/moderation/moderation.js";
import { QUESTION_STATUSES, type QuestionStatus } from "../../domain/question/question.js";
import type { UserId } from "../../domain/shared/ids.js";
import { removePostMedia } from "../media/removeMedia.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { Clock } from "../ports/Clock.js";
import { type DomainEvent, Events } from "../ports/Events.js";
import { ModerationRepository } from "../ports/ModerationRepository.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { requireModerator } from "./actor.js";
import { recordAudit } from "./audit.js";
import { type LoadedTarget, loadTargetForUpdate } from "./loadTarget.js";

/** The status a restored question returns to: the one it had when it was hidden (open when unknown). */
const restoredStatus = (t: Extract<LoadedTarget, { type: "question" }>, previous: string | null): QuestionStatus => {
  if (t.question.status !== "hidden") return t.question.status;
  const status = QUESTION_STATUSES.find((s) => s === previous && s !== "hidden");
  if (status) return status;
  return t.question.acceptedAnswerId === null ? "open" : "answered";
};

/**
 * A moderator's decision on a post waiting for review: `restore` publishes it again, `hide` keeps (or puts)
 * it out of sight for good, `delete` soft-deletes it (its images go after the commit). Audited.
 */
export const resolveReview = Effect.fn("resolveReview")(function* (target: PostTarget, resolution: Resolution, actorId: UserId) {
  yield* requireModerator(actorId);
  const now = yield* (yield* Clock).now;
  const moderation = yield* ModerationRepository;
  const questions = yield* QuestionRepository;
  const answers = yield* AnswerRepository;
  yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const loaded = yield* loadTargetForUpdate(target);
      const review = yield* moderation.findReview(target);
      if (!loaded || review?.state !== "pending") return yield* Effect.fail({ _tag: "ReviewNotFound" as const });
      if (loaded.type === "question") {
        const q = loaded.question;
        const next =
          resolution === "restore"
            ? { ...q, status: restoredStatus(loaded, review.previousStatus) }
            : resolution === "hide"
              ? { ...q, status: "hidden" as const }
              : { ...q, deletedAt: now };
        yield* questions.save({ ...next, updatedAt: now });
      } else {
        const a = loaded.answer;
        const next =
          resolution === "restore"
            ? { ...a, hiddenAt: null }
            : resolution === "hide"
              ? { ...a, hiddenAt: a.hiddenAt ?? now }
              : { ...a, deletedAt: now };
        yield* answers.save(next);
        if (resolution === "delete") yield* questions.addToCounters(loaded.question.id, { answers: -1 });
      }
      yield* moderation.resolve(target, resolution, actorId, now);
      yield* recordAudit({ actorId, action: `resolve_${resolution}`, target, detail: { cause: review.cause } });
      const event: DomainEvent =
        loaded.type === "question"
          ? { _tag: "QuestionChanged", questionId: loaded.question.id }
          : { _tag: "AnswerChanged", questionId: loaded.question.id, answerId: loaded.answer.id };
      yield* (yield* Events).record([event]);
    }),
  );
  if (resolution === "delete") yield* removePostMedia({ kind: target.type, id: target.id });
  return { resolution };
});
