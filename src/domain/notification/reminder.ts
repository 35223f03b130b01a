import type { Question } from "../question/question.js";
import type { NotificationDraft } from "./notification.js";

/** An asker whose question has answers but none accepted this long after asking is reminded, once. */
export const ACCEPT_REMINDER_AFTER_MS = 48 * 3_600_000;

export const reminderDueAt = (askedAt: Date): Date => new Date(askedAt.getTime() + ACCEPT_REMINDER_AFTER_MS);

/** Whether the question still wants its asker to pick an answer. */
export const needsAcceptReminder = (q: Pick<Question, "status" | "answerCount" | "acceptedAnswerId" | "deletedAt">): boolean =>
  q.status === "open" && q.deletedAt === null && q.answerCount > 0 && q.acceptedAnswerId === null;

export const acceptReminder = (q: Pick<Question, "id" | "authorId" | "title" | "answerCount">): NotificationDraft => ({
  userId: q.authorId,
  type: "accept_reminder",
  title: "도움이 된 답변을 채택해 주세요",
  message: `"${q.title}" 질문에 답변 ${q.answerCount}개가 달렸어요. 가장 도움이 된 답변을 채택하면 답변한 이웃에게 포인트가 돌아가요.`,
  data: { questionId: q.id, answerCount: q.answerCount },
});
