import { Effect } from "effect";
import { type NotificationDraft, wants } from "../../domain/notification/notification.js";
import { delivery } from "../../domain/notification/settings.js";
import { NotificationId } from "../../domain/shared/ids.js";
import type { User } from "../../domain/user/user.js";
import { Clock } from "../ports/Clock.js";
import type { DomainEvent } from "../ports/Events.js";
import { Ids } from "../ports/Ids.js";
import { NotificationRepository } from "../ports/NotificationRepository.js";
import { UserRepository } from "../ports/UserRepository.js";

/**
 * Stores a notification unless the recipient turned that kind off; returns the event to publish after commit.
 * During the recipient's quiet hours (Korean time) a non-emergency notice is delivered silently: stored and
 * counted as unread (its event is marked silent: the push consumer skips it, the unread-count cache still drops). A caller that has just read the
 * recipient passes them, saving the read.
 */
export const notify = Effect.fn("notify")(function* (draft: NotificationDraft, known?: User) {
  const recipient = known?.id === draft.userId ? known : yield* (yield* UserRepository).findById(draft.userId);
  if (!recipient || recipient.deletedAt !== null || !wants(recipient.notificationSettings, draft.type)) return [] as DomainEvent[];
  const now = yield* (yield* Clock).now;
  const notification = { ...draft, id: NotificationId(yield* (yield* Ids).next), isRead: false, createdAt: now };
  yield* (yield* NotificationRepository).insert(notification);
  const silent = delivery(recipient.notificationSettings, draft, now) === "silent";
  return [silent ? { _tag: "NotificationCreated", notification, silent } : { _tag: "NotificationCreated", notification }] as DomainEvent[];
});
