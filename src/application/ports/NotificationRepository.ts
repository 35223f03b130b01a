import { Context, type Effect } from "effect";
import type { Notification } from "../../domain/notification/notification.js";
import type { NotificationId, UserId } from "../../domain/shared/ids.js";

export class NotificationRepository extends Context.Service<
  NotificationRepository,
  {
    readonly insert: (n: Notification) => Effect.Effect<void>;
    /** Newest first; `before` is the id of the last item of the previous page. */
    readonly list: (
      userId: UserId,
      options: { readonly before?: NotificationId; readonly unreadOnly: boolean; readonly limit: number },
    ) => Effect.Effect<readonly Notification[]>;
    /**
     * The user's notifications after `after` in (createdAt, id) order, oldest first: what a push stream
     * that last delivered `after` has not delivered. An `after` that is not the user's gives none.
     */
    readonly listAfter: (userId: UserId, after: NotificationId, limit: number) => Effect.Effect<readonly Notification[]>;
    readonly unreadCount: (userId: UserId) => Effect.Effect<number>;
    /** Marks the user's own notifications among `ids` read; returns how many changed. */
    /**
     * Marks the user's notifications read, all or nothing: null (and nothing changed) when an id is not theirs
     * or does not exist; otherwise how many were unread.
     */
    readonly markRead: (userId: UserId, ids: readonly NotificationId[]) => Effect.Effect<number | null>;
  }
>()("dongne/NotificationRepository") {}
