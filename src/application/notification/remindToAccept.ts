import { Effect } from "effect";
import { acceptReminder, needsAcceptReminder, reminderDueAt } from "../../domain/notification/reminder.js";
import type { QuestionId } from "../../domain/shared/ids.js";
import { Events } from "../ports/Events.js";
import { JobQueue } from "../ports/JobQueue.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UnitOfWork } from "../ports/UnitOfWork.js";
import { notify } from "./notify.js";

/** The job reminding an asker to accept an answer; payload `{ questionId }`. */
export const REMIND_JOB = "question.remindAccept";

/** Enqueued with a question's first answer (same transaction); one job per question by key, due 48 h after the ask. */
export const reminderJob = (questionId: QuestionId, askedAt: Date) => ({
  type: REMIND_JOB,
  payload: { questionId },
  runAt: reminderDueAt(askedAt),
  key: `remind:${questionId}`,
});

/** Reminds the asker once, if the question still has answers and none accepted; returns whether it did. */
export const remindToAccept = Effect.fn("remindToAccept")(function* (questionId: QuestionId) {
  return yield* (yield* UnitOfWork).transact(
    Effect.gen(function* () {
      const q = yield* (yield* QuestionRepository).findForUpdate(questionId);
      if (!q || !needsAcceptReminder(q)) return false;
      yield* (yield* Events).record(yield* notify(acceptReminder(q)));
      return true;
    }),
  );
});

/** Called by the answer's unit of work: the first answer schedules the reminder. */
export const scheduleAcceptReminder = (q: { readonly id: QuestionId; readonly createdAt: Date; readonly answerCount: number }) =>
  q.answerCount === 0 ? JobQueue.use((jobs) => jobs.enqueue(reminderJob(q.id, q.createdAt))) : Effect.void;
