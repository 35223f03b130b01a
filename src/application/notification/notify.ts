import { Effect } from "effect";
import { type NotificationDraft, wants } from "../../domain/notification/notification.js";
import { NotificationId } from "../../domain/shared/ids.js";
import { Clock } from "../ports/Clock.js";
import type { DomainEvent } from "../ports/Events.js";
import { Ids } from "../ports/Ids.js";
import { NotificationRepository } from "../ports/NotificationRepository.js";
import { UserRepository } from "../ports/UserRepository.js";

/** Stores a notification unless the recipient turned that kind off; returns the event to publish after commit. */
export const notify = Effect.fn("notify")(function* (draft: NotificationDraft) {
  const recipient = yield* (yield* UserRepository).findById(draft.userId);
  if (!recipient || recipient.deletedAt !== null || !wants(recipient.notificationSettings, draft.type)) return [] as DomainEvent[];
  const notification = {
    ...draft,
    id: NotificationId(yield* (yield* Ids).next),
    isRead: false,
    createdAt: yield* (yield* Clock).now,
  };
  yield* (yield* NotificationRepository).insert(notification);
  return [{ _tag: "NotificationCreated", notification }] as DomainEvent[];
});
