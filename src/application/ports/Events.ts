import { Context, type Effect, type Stream } from "effect";
import type { Notification } from "../../domain/notification/notification.js";
import type { AnswerId, QuestionId } from "../../domain/shared/ids.js";

export type DomainEvent =
  | { readonly _tag: "QuestionChanged"; readonly questionId: QuestionId }
  | { readonly _tag: "AnswerChanged"; readonly questionId: QuestionId; readonly answerId: AnswerId }
  | { readonly _tag: "NotificationCreated"; readonly notification: Notification };

/** Published after the unit of work commits, so subscribers never see rolled-back facts. */
export class Events extends Context.Service<
  Events,
  {
    readonly publish: (events: readonly DomainEvent[]) => Effect.Effect<void>;
    readonly subscribe: Stream.Stream<DomainEvent>;
  }
>()("dongne/Events") {}
