import { Duration, Effect, Layer, Schedule } from "effect";
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
 * A publish Redis cannot take is handed to this process's listeners directly and kept (the newest
 * UNSENT_KEPT) to be published again every second until Redis takes it, so listeners on other instances get
 * it late rather than never (they drop repeats by id; a stream drops a push older than its start). A
 * resubscription after a dropped connection tells every listener it may have missed pushes.
 */
/** Pushes kept for publishing again while Redis does not take them; older ones are left to the store (notification.list). */
export const UNSENT_KEPT = 1_000;
const REPUBLISH_EVERY = Duration.seconds(1);

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
    const unsent: string[] = [];
    const keep = (message: string) => {
      unsent.push(message);
      if (unsent.length > UNSENT_KEPT) unsent.shift();
    };
    // Oldest first; stops at the first Redis refuses (the rest wait for the next round).
    const republish = Effect.gen(function* () {
      while (unsent.length > 0) {
        const taken = yield* kv.publish(NOTIFICATION_PUSHED, unsent[0] as string).pipe(
          Effect.as(true),
          Effect.catch(() => Effect.succeed(false)),
        );
        if (!taken) return;
        unsent.shift();
      }
    });
    yield* republish.pipe(Effect.repeat(Schedule.spaced(REPUBLISH_EVERY)), Effect.forkScoped);
    return {
      publish: (pushed) => {
        const message = JSON.stringify(pushed);
        return kv.publish(NOTIFICATION_PUSHED, message).pipe(
          Effect.as(true),
          Effect.catch(() =>
            Effect.sync(() => {
              deliver(pushed);
              keep(message);
              return false;
            }),
          ),
        );
      },
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
