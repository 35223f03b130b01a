import { Effect, Layer } from "effect";
import { NotificationRepository } from "../../application/ports/NotificationRepository.js";
import { InMemoryStore } from "./InMemoryStore.js";

export const InMemoryNotificationRepository = Layer.effect(
  NotificationRepository,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const t = () => store.tables;
    const newestFirst = (userId: string) => [...t().notifications.values()].filter((n) => n.userId === userId).reverse();
    return {
      insert: (n) => Effect.sync(() => void t().notifications.set(n.id, n)),
      list: (userId, { before, unreadOnly, limit }) =>
        Effect.sync(() => {
          const mine = newestFirst(userId);
          const start = before === undefined ? 0 : mine.findIndex((n) => n.id === before) + 1;
          return mine
            .slice(start)
            .filter((n) => !unreadOnly || !n.isRead)
            .slice(0, limit);
        }),
      unreadCount: (userId) => Effect.sync(() => newestFirst(userId).filter((n) => !n.isRead).length),
      markRead: (userId, ids) =>
        Effect.sync(() => {
          let changed = 0;
          for (const id of new Set(ids)) {
            const n = t().notifications.get(id);
            if (n && n.userId === userId && !n.isRead) {
              t().notifications.set(id, { ...n, isRead: true });
              changed++;
            }
          }
          return changed;
        }),
    };
  }),
);
