import { Context, type Effect } from "effect";
import type { Notification } from "../../domain/notification/notification.js";
import type { Question } from "../../domain/question/question.js";
import type { AnswerId, QuestionId, UserId } from "../../domain/shared/ids.js";

/** A question's searchable text as just written, with its author's nickname (their search document shows it). */
export interface QuestionText {
  readonly title: string;
  readonly content: string;
  readonly hashtags: readonly string[];
  readonly authorNickname: string;
}

/** Where and when a question was asked (`at`: ISO time, as stored in the event's JSON). */
export interface QuestionAsked {
  readonly regionCode: string;
  readonly at: string;
}

export type DomainEvent =
  /**
   * `text` when the question's text was written (asked or edited); a status or counter change has none.
   * `asked` only when the question was just asked (not on an edit), for the activity counters.
   */
  | { readonly _tag: "QuestionChanged"; readonly questionId: QuestionId; readonly text?: QuestionText; readonly asked?: QuestionAsked }
  | { readonly _tag: "AnswerChanged"; readonly questionId: QuestionId; readonly answerId: AnswerId }
  /** The author's nickname or local status changed: it shows in their questions' search documents. */
  | { readonly _tag: "AuthorChanged"; readonly userId: UserId }
  /** `silent`: stored during the recipient's quiet hours, counted as unread but not pushed to streams. */
  | { readonly _tag: "NotificationCreated"; readonly notification: Notification; readonly silent?: boolean };

/** The event of a question whose text was just written (asked or edited). */
export const questionWritten = (q: Pick<Question, "id" | "title" | "content" | "hashtags">, authorNickname: string): DomainEvent => ({
  _tag: "QuestionChanged",
  questionId: q.id,
  text: { title: q.title, content: q.content, hashtags: q.hashtags, authorNickname },
});

/** The event of a question just asked: its text, and where and when (counted once by the activity counters). */
export const questionAsked = (
  q: Pick<Question, "id" | "title" | "content" | "hashtags" | "regionCode" | "createdAt">,
  authorNickname: string,
): DomainEvent => ({
  _tag: "QuestionChanged",
  questionId: q.id,
  text: { title: q.title, content: q.content, hashtags: q.hashtags, authorNickname },
  asked: { regionCode: q.regionCode, at: q.createdAt.toISOString() },
});

/** The aggregate an event is about; one aggregate's events are delivered in the order they were recorded. */
export const aggregateOf = (e: DomainEvent): string => {
  switch (e._tag) {
    case "QuestionChanged":
    case "AnswerChanged":
      return `question:${e.questionId}`;
    case "AuthorChanged":
      return `user:${e.userId}`;
    case "NotificationCreated":
      return `user:${e.notification.userId}`;
  }
};

/**
 * The events a use case produces. Recorded inside its unit of work, they are stored in the same
 * transaction (a rolled-back unit leaves none) and delivered after commit, at least once, to every
 * consumer (see EventLog); outside a unit of work they are stored on their own.
 */
export class Events extends Context.Service<Events, { readonly record: (events: readonly DomainEvent[]) => Effect.Effect<void> }>()(
  "dongne/Events",
) {}
