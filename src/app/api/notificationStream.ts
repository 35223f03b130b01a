import { tracked } from "@trpc/server";
import { Effect, Exit, Scope } from "effect";
import { missedNotifications, openNotificationStream } from "../../application/notification/notificationStream.js";
import { NotificationFeed, type PushedNotification } from "../../application/ports/NotificationFeed.js";
import type { Notification } from "../../domain/notification/notification.js";
import { NotificationId, type UserId } from "../../domain/shared/ids.js";
import { GENERIC } from "./errorCatalogue.js";
import { ApiFailure, type Call, run } from "./run.js";
import { notificationView } from "./views.js";

/** Open push streams one user may hold on one instance (tabs and devices); one more is refused. */
export const MAX_STREAMS_PER_USER = 5;
/** Ids remembered per stream to drop repeated pushes (every instance's consumer may publish one). */
const SEEN_IDS = 1_000;

/** How much older than the stream's start a push must be to count as a late one (clock skew between instances). */
const LATE_PUSH_MARGIN_MS = 5_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const open = new Map<string, number>();
/** Takes one of the user's stream slots on this instance; the release is idempotent. */
export const claimStreamSlot = (userId: string): (() => void) => {
  const n = open.get(userId) ?? 0;
  if (n >= MAX_STREAMS_PER_USER) throw new ApiFailure(GENERIC.TOO_MANY_STREAMS);
  open.set(userId, n + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (open.get(userId) ?? 1) - 1;
    if (left <= 0) open.delete(userId);
    else open.set(userId, left);
  };
};
export const openStreams = (userId: string) => open.get(userId) ?? 0;

const pushed = (n: Notification, unreadCount: number) =>
  tracked(n.id, { kind: "notification" as const, notification: notificationView(n), unreadCount });

/**
 * One user's push stream: the unread count first, then every notification committed from now on (or,
 * with `lastEventId`, from after that one: a reconnect resumes without loss), each once, with the unread
 * count, as tracked SSE events (id = notification id). The live feed is heard before the store is read, so
 * nothing committed in between is lost; repeats are dropped by id. A gap in the feed (Redis reconnected)
 * is filled from the store. Ends when the client goes (`signal`).
 */
export async function* notificationStream(call: Call, userId: UserId, lastEventId: string | null | undefined, signal: AbortSignal) {
  const scope = Effect.runSync(Scope.make());
  const queue: PushedNotification[] = [];
  let gap = false;
  let wake: (() => void) | undefined;
  const nudge = () => {
    wake?.();
    wake = undefined;
  };
  const onAbort = () => nudge();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    await call.runtime.runPromise(
      NotificationFeed.use((feed) =>
        feed.listen(
          userId,
          (p) => {
            queue.push(p);
            nudge();
          },
          () => {
            gap = true;
            nudge();
          },
        ),
      ).pipe(Scope.provide(scope)),
    );
    const seen = new Set<string>();
    let anchor: NotificationId | null = null;
    const remember = (id: string) => {
      seen.add(id);
      if (seen.size > SEEN_IDS) seen.delete(seen.values().next().value as string);
      anchor = NotificationId(id);
    };
    const start = await run(call, openNotificationStream(userId));
    anchor = start.newest;
    // A push well older than what the store held at the start comes late (published again after a Redis outage): it is
    // in the replay or before the stream's "now", never pushed (it would move the client's last id backwards). The
    // margin keeps a fresh push from an instance whose clock runs behind.
    const heldAtStart = (n: Notification) =>
      start.newestAt !== null && n.createdAt.getTime() < start.newestAt.getTime() - LATE_PUSH_MARGIN_MS;
    yield { kind: "unread" as const, unreadCount: start.unreadCount };
    // A resume replays what came after the last event the client got (an id not its own replays nothing).
    if (lastEventId && UUID.test(lastEventId)) {
      anchor = NotificationId(lastEventId.toLowerCase());
      gap = true;
    }
    while (!signal.aborted) {
      if (gap) {
        gap = false;
        const { missed, unreadCount } = await run(call, missedNotifications(userId, anchor));
        for (const n of missed) {
          if (seen.has(n.id)) continue;
          remember(n.id);
          yield pushed(n, unreadCount);
        }
      }
      while (queue.length > 0) {
        const p = queue.shift() as PushedNotification;
        if (seen.has(p.notification.id) || heldAtStart(p.notification)) continue;
        remember(p.notification.id);
        yield pushed(p.notification, p.unreadCount);
      }
      if (signal.aborted) break;
      if (queue.length === 0 && !gap) await new Promise<void>((r) => (wake = r));
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
    await Effect.runPromise(Scope.close(scope, Exit.void));
  }
}
