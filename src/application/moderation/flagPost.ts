import { Effect } from "effect";
import { type FlagReason, hidesAt, openReview, type PostTarget } from "../../domain/moderation/moderation.js";
import { postHidden } from "../../domain/notification/notification.js";
import { isVisibleTo } from "../../domain/question/question.js";
import type { UserId } from "../../domain/shared/ids.js";
import { notify } from "../notification/notify.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { Clock } from "../ports/Clock.js";
import { type DomainEvent, Events } from "../ports/Events.js";
import { ModerationRepository } from "../ports/ModerationRepository.js";
import { PostingPolicy } from "../ports/PostingPolicy.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { recordAudit } from "./audit.js";
import { authorOf, isHidden, type LoadedTarget, loadTargetForUpdate } from "./loadTarget.js";

const notFound = (target: PostTarget) =>
  target.type === "question" ? ({ _tag: "QuestionNotFound" } as const) : ({ _tag: "AnswerNotFound" } as const);

const visibleTo = (t: LoadedTarget, viewer: UserId) =>
  isVisibleTo(t.question, viewer) && (t.type === "question" || t.answer.hiddenAt === null || t.answer.authorId === viewer);

/** Hides the post pending review; the event takes it out of feeds, search and the caches. */
const hide = (t: LoadedTarget, now: Date) =>
  Effect.gen(function* () {
    if (t.type === "question") {
      yield* (yield* QuestionRepository).save({ ...t.question, status: "hidden", updatedAt: now });
      return { _tag: "QuestionChanged", questionId: t.question.id } as DomainEvent;
    }
    yield* (yield* AnswerRepository).save({ ...t.answer, hiddenAt: now });
    return { _tag: "AnswerChanged", questionId: t.question.id, answerId: t.answer.id } as DomainEvent;
  });

/**
 * A user flags someone else's post, once per post. The flag that makes MODERATION_FLAG_THRESHOLD distinct
 * flags hides the post from everyone but its author and moderators, queues it for review and tells the author.
 */
export const flagPost = Effect.fn("flagPost")(function* (target: PostTarget, userId: UserId, reason: FlagReason) {
  const now = yield* (yield* Clock).now;
  const { flagThreshold } = yield* PostingPolicy;
  const moderation = yield* ModerationRepository;
  return yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const loaded = yield* loadTargetForUpdate(target);
      if (!loaded || !visibleTo(loaded, userId)) return yield* Effect.fail(notFound(target));
      const authorId = authorOf(loaded);
      if (authorId === userId) return yield* Effect.fail({ _tag: "CannotFlagOwnPost" as const });
      if (!(yield* moderation.addFlag({ target, userId, reason, createdAt: now })))
        return yield* Effect.fail({ _tag: "AlreadyFlagged" as const });
      yield* recordAudit({ actorId: userId, action: "flag", target, detail: { reason } });
      const flags = yield* moderation.countFlags(target);
      if (!hidesAt(flags, flagThreshold) || isHidden(loaded)) return { hidden: isHidden(loaded) };
      const previous = loaded.type === "question" ? loaded.question.status : null;
      const changed = yield* hide(loaded, now);
      yield* moderation.openReview(openReview(target, authorId, "flags", true, previous, now));
      yield* recordAudit({ actorId: null, action: "hide_pending_review", target, detail: { flags } });
      const notified = yield* notify(
        postHidden(authorId, loaded.type, { questionId: loaded.question.id, answerId: loaded.answer?.id ?? null }),
      );
      yield* (yield* Events).record([changed, ...notified]);
      return { hidden: true };
    }),
  );
});
