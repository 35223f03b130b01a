import type { NotificationId, UserId } from "../shared/ids.js";

export const NOTIFICATION_TYPES = [
  "new_answer",
  "answer_accepted",
  "badge_earned",
  "post_hidden",
  "urgent_question",
  "accept_reminder",
  "follow_questions",
  "follow_digest",
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface Notification {
  readonly id: NotificationId;
  readonly userId: UserId;
  readonly type: NotificationType;
  readonly title: string;
  readonly message: string;
  readonly data: Readonly<Record<string, string | number | boolean | null>>;
  readonly isRead: boolean;
  readonly createdAt: Date;
}

export type NotificationDraft = Omit<Notification, "id" | "isRead" | "createdAt">;

/** The seed's wording, kept word for word. */
export const answerAccepted = (
  userId: UserId,
  questionTitle: string,
  points: number,
  ids: { questionId: string; answerId: string },
): NotificationDraft => ({
  userId,
  type: "answer_accepted",
  title: "답변이 채택되었습니다!",
  message: `"${questionTitle}" 질문에 대한 답변이 채택되어 ${points} 포인트를 획득했습니다.`,
  data: { questionId: ids.questionId, answerId: ids.answerId, points },
});

export const newAnswer = (
  userId: UserId,
  questionTitle: string,
  answererNickname: string,
  ids: { questionId: string; answerId: string },
): NotificationDraft => ({
  userId,
  type: "new_answer",
  title: "새 답변이 달렸습니다",
  message: `${answererNickname}님이 "${questionTitle}" 질문에 답변했습니다.`,
  data: { questionId: ids.questionId, answerId: ids.answerId },
});

export const badgeEarned = (userId: UserId, badgeName: string, level: number, badgeType: string): NotificationDraft => ({
  userId,
  type: "badge_earned",
  title: "새 배지를 획득했습니다!",
  message: level > 1 ? `"${badgeName}" 배지가 ${level}단계로 올랐습니다.` : `"${badgeName}" 배지를 획득했습니다.`,
  data: { badgeType, level },
});

/** A post of the user's was hidden by other users' flags until a moderator looks at it. */
export const postHidden = (
  userId: UserId,
  kind: "question" | "answer",
  ids: { questionId: string; answerId: string | null },
): NotificationDraft => ({
  userId,
  type: "post_hidden",
  title: kind === "question" ? "질문이 검토 대기 중이에요" : "답변이 검토 대기 중이에요",
  message: `여러 이용자의 신고로 ${kind === "question" ? "질문" : "답변"}이 잠시 숨겨졌어요. 운영자가 확인한 뒤 다시 공개하거나 정리할게요.`,
  data: { questionId: ids.questionId, answerId: ids.answerId },
});

/** Whether the user's settings let this kind through; moderation notices always do. */
export const wants = (settings: Readonly<Record<string, boolean | string>>, type: NotificationType): boolean => {
  if (type === "post_hidden") return true;
  // The digest is an opt-in of its own (settings.dailyDigest), checked when it is composed.
  if (type === "follow_digest") return settings.dailyDigest === true;
  if (type === "follow_questions") return settings.follows !== false;
  const key =
    type === "new_answer"
      ? "answers"
      : type === "answer_accepted"
        ? "accepted"
        : type === "urgent_question"
          ? "urgent"
          : type === "accept_reminder"
            ? "reminders"
            : "badges";
  return settings[key] !== false;
};
