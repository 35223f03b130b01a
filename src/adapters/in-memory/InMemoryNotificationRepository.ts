import { Effect, Layer } from "effect";
import { NotificationRepository } from "../../application/ports/NotificationRepository.js";
import type { Notification } from "../../domain/notification/notification.js";
import { InMemoryStore, mapTable } from "./InMemoryStore.js";

export const NOTIFICATIONS = mapTable<string, Notification>();

export const InMemoryNotificationRepository = Layer.effect(
  NotificationRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const notifications = () => store.get(NOTIFICATIONS);
    const newestFirst = (userId: string) => [...notifications().values()].filter((n) => n.userId === userId).reverse();
    return {
      insert: (n) => Effect.sync(() => void notifications().set(n.id, n)),
      list: (userId, { before, unreadOnly, limit }) =>
        Effect.sync(() => {
          const mine = newestFirst(userId);
          const start = before === undefined ? 0 : mine.findIndex((n) => n.id === before) + 1;
          return mine
            .slice(start)
            .filter((n) => !unreadOnly || !n.isRead)
            .slice(0, limit);
        }),
      listAfter: (userId, after, limit) =>
        Effect.sync(() => {
          const anchor = notifications().get(after);
          if (!anchor || anchor.userId !== userId) return [];
          const key = (n: Notification) => [n.createdAt.getTime(), n.id] as const;
          const [at, id] = key(anchor);
          return [...notifications().values()]
            .filter((n) => n.userId === userId && (n.createdAt.getTime() > at || (n.createdAt.getTime() === at && n.id > id)))
            .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
            .slice(0, limit);
        }),
      unreadCount: (userId) => Effect.sync(() => newestFirst(userId).filter((n) => !n.isRead).length),
      markRead: (userId, ids) =>
        Effect.sync(() => {
          const wanted = [...new Set(ids)];
          if (!wanted.every((id) => notifications().get(id)?.userId === userId)) return null;
          let changed = 0;
          for (const id of wanted) {
            const n = notifications().get(id);
            if (n && n.userId === userId && !n.isRead) {
              notifications().set(id, { ...n, isRead: true });
              changed++;
            }
          }
          return changed;
        }),
    };
  }),
);
