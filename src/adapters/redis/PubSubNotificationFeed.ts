import { Effect, Layer } from "effect";
import { NotificationFeed, type PushedNotification } from "../../application/ports/NotificationFeed.js";
import { KeyValue } from "./KeyValue.js";

/** Every committed notification, for every instance: JSON `{ notification, unreadCount }`. */
export const NOTIFICATION_PUSHED = "notification:pushed";

interface Listener {
  readonly onPush: (pushed: PushedNotification) => void;
  readonly onGap: (() => void) | undefined;
}

const decode = (message: string): PushedNotification | undefined => {
  try {
    const raw = JSON.parse(message) as PushedNotification & { notification: { createdAt: string } };
    if (typeof raw?.notification?.id !== "string" || typeof raw.notification.userId !== "string") return undefined;
    return { notification: { ...raw.notification, createdAt: new Date(raw.notification.createdAt) }, unreadCount: Number(raw.unreadCount) };
  } catch {
    return undefined;
  }
};

/**
 * The feed over the KeyValue's pub/sub: one channel for every user (each instance hears all pushes and
 * hands each to its own listeners of that user), so an instance subscribes once whatever its number of
 * streams. Over Redis it fans out across instances; over the in-process twin it stays in the process.
 * A publish Redis cannot take is handed to this process's listeners directly; a resubscription after a
 * dropped connection tells every listener it may have missed pushes.
 */
export const PubSubNotificationFeed = Layer.effect(
  NotificationFeed,
  Effect.gen(function* () {
    const kv = yield* KeyValue;
    const byUser = new Map<string, Set<Listener>>();
    const deliver = (pushed: PushedNotification) => {
      for (const l of byUser.get(pushed.notification.userId) ?? []) l.onPush(pushed);
    };
    yield* kv.subscribe(
      NOTIFICATION_PUSHED,
      (message) => {
        const pushed = decode(message);
        if (pushed) deliver(pushed);
      },
      () => {
        for (const set of byUser.values()) for (const l of set) l.onGap?.();
      },
    );
    return {
      publish: (pushed) =>
        kv.publish(NOTIFICATION_PUSHED, JSON.stringify(pushed)).pipe(
          Effect.as(true),
          Effect.catch(() =>
            Effect.sync(() => {
              deliver(pushed);
              return false;
            }),
          ),
        ),
      listen: (userId, onPush, onGap) =>
        Effect.acquireRelease(
          Effect.sync(() => {
            const listener: Listener = { onPush, onGap };
            const set = byUser.get(userId) ?? new Set();
            set.add(listener);
            byUser.set(userId, set);
            return listener;
          }),
          (listener) =>
            Effect.sync(() => {
              const set = byUser.get(userId);
              set?.delete(listener);
              if (set?.size === 0) byUser.delete(userId);
            }),
        ).pipe(Effect.asVoid),
    };
  }),
);
