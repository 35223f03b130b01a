import { getSettings } from "../../../application/notification/getSettings.js";
import { listNotifications } from "../../../application/notification/listNotifications.js";
import { markRead } from "../../../application/notification/markRead.js";
import { updateSettings } from "../../../application/notification/updateSettings.js";
import { NotificationId } from "../../../domain/shared/ids.js";
import { notificationInputs } from "../../api/inputs/notification.js";
import { claimStreamSlot, notificationStream } from "../../api/notificationStream.js";
import { dropNotificationCount, notificationCount } from "../../api/publicReads.js";
import { run } from "../../api/run.js";
import { notificationView, pageView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

export const notificationRouter = router({
  list: authedProcedure
    .input(notificationInputs.list)
    .query(async ({ ctx, input }) => pageView(await run(ctx, listNotifications(ctx.userId, input ?? {})), notificationView)),
  // Cached per user (`notifications:count:{userId}`, 300 s), dropped by a new notification and by markRead.
  unreadCount: authedProcedure.query(({ ctx }) => run(ctx, notificationCount(ctx.userId))),
  markRead: authedProcedure.input(notificationInputs.markRead).mutation(async ({ ctx, input }) => {
    const result = await run(ctx, markRead(ctx.userId, input.ids.map(NotificationId)));
    await run(ctx, dropNotificationCount(ctx.userId));
    return result;
  }),
  settings: authedProcedure.query(({ ctx }) => run(ctx, getSettings(ctx.userId))),
  updateSettings: authedProcedure
    .input(notificationInputs.updateSettings)
    .mutation(({ ctx, input }) => run(ctx, updateSettings(ctx.userId, input))),
  /**
   * Push over SSE (tRPC's httpSubscriptionLink, or any EventSource): the unread count, then each new
   * notification as a tracked event; a reconnect's Last-Event-ID resumes after it. The slot is taken here,
   * before the stream opens, so a refusal is an ordinary error response.
   */
  onNew: authedProcedure.input(notificationInputs.onNew).subscription(({ ctx, input, signal }) => {
    const release = claimStreamSlot(ctx.userId);
    const abort = signal ?? new AbortController().signal;
    abort.addEventListener("abort", release, { once: true });
    const stream = notificationStream(ctx, ctx.userId, input?.lastEventId, abort);
    return (async function* () {
      try {
        yield* stream;
      } finally {
        release();
      }
    })();
  }),
});
