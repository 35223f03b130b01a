import { Effect } from "effect";
import {
  isEscalated,
  kstDayStart,
  pickRecipients,
  RING_RECIPIENTS_MAX,
  ringDueAt,
  ringRegions,
  urgentQuestionNotice,
} from "../../domain/notification/escalation.js";
import type { QuestionId } from "../../domain/shared/ids.js";
import { notify } from "../notification/notify.js";
import { Clock } from "../ports/Clock.js";
import { EscalationRepository } from "../ports/EscalationRepository.js";
import { Events } from "../ports/Events.js";
import { JobQueue } from "../ports/JobQueue.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { RegionRepository } from "../ports/RegionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";

/** The job that notifies one ring of an urgent question's locals; payload `{ questionId, ring }`. */
export const ESCALATE_JOB = "question.escalate";

/** Enqueued by the ask, in its unit of work: ring 0 at once. */
export const escalationJob = (questionId: QuestionId) => ({
  type: ESCALATE_JOB,
  payload: { questionId, ring: 0 },
  key: `escalate:${questionId}:0`,
});

/**
 * Notifies ring `ring` of an urgent or emergency question — while it is open and unanswered — and
 * schedules the next ring at its documented minute. Each local is told once per question and at most
 * DAILY_ESCALATION_CAP times per Korean day. Runs as a job: one unit of work, so a failure retries the
 * ring whole (the record of who was told makes a repeat tell no one twice).
 */
export const escalateQuestion = Effect.fn("escalateQuestion")(function* (questionId: QuestionId, ring: number) {
  return yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const q = yield* (yield* QuestionRepository).findForUpdate(questionId);
      if (!q || q.deletedAt !== null || q.status !== "open" || q.answerCount > 0 || !isEscalated(q.urgency))
        return { notified: 0, next: null };
      const now = yield* (yield* Clock).now;
      const catalog = yield* (yield* RegionRepository).catalog;
      const repo = yield* EscalationRepository;
      const candidates = yield* repo.localsIn(ringRegions(catalog, q.regionCode, ring), q.authorId, RING_RECIPIENTS_MAX * 2);
      const told = yield* repo.notifiedOf(q.id);
      const today = yield* repo.countsSince(candidates, kstDayStart(now));
      const recorded = yield* repo.record(q.id, pickRecipients(candidates, told, today), ring, now);
      const events = [];
      for (const userId of recorded) events.push(...(yield* notify(urgentQuestionNotice(userId, q, ring))));
      yield* (yield* Events).record(events);
      const nextAt = ringDueAt(q.urgency, q.createdAt, ring + 1);
      if (nextAt)
        yield* (yield* JobQueue).enqueue({
          type: ESCALATE_JOB,
          payload: { questionId: q.id, ring: ring + 1 },
          runAt: nextAt,
          key: `escalate:${q.id}:${ring + 1}`,
        });
      return { notified: recorded.length, next: nextAt ? { ring: ring + 1, at: nextAt } : null };
    }),
  );
});

/** How many locals were told of the caller's own question (never who); null for someone else's. */
export const escalationOf = Effect.fn("escalationOf")(function* (questionId: QuestionId, viewer: string) {
  const q = yield* (yield* QuestionRepository).findById(questionId);
  // Someone else's question is not found (not even whether it is urgent); the asker's ordinary one has no count.
  if (!q || q.deletedAt !== null || q.authorId !== viewer) return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
  if (!isEscalated(q.urgency)) return null;
  return { notified: yield* (yield* EscalationRepository).notifiedCount(questionId) };
});
