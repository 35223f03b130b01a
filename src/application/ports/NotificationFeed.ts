import { Context, type Effect, type Scope } from "effect";
import type { Notification } from "../../domain/notification/notification.js";
import type { UserId } from "../../domain/shared/ids.js";

/** A committed notification as pushed to its recipient's open streams, with their unread count after it. */
export interface PushedNotification {
  readonly notification: Notification;
  readonly unreadCount: number;
}

/**
 * Live notifications across every instance of the service: what one instance publishes reaches the
 * listeners of that user on all of them (Redis pub/sub, or in-process without Redis). Best effort and
 * possibly repeated: a listener that missed messages (a dropped subscription) is told so it can resume
 * from the store, and listeners drop repeats by notification id.
 */
export class NotificationFeed extends Context.Service<
  NotificationFeed,
  {
    /**
     * Never fails: a push that cannot leave this process still reaches this process's listeners at once, and is
     * published to the other instances once it can be (answers false then).
     */
    readonly publish: (pushed: PushedNotification) => Effect.Effect<boolean>;
    /** Hears the user's pushes while the scope lasts; `onGap` when some may have been missed. */
    readonly listen: (
      userId: UserId,
      onPush: (pushed: PushedNotification) => void,
      onGap?: () => void,
    ) => Effect.Effect<void, never, Scope.Scope>;
  }
>()("dongne/NotificationFeed") {}
