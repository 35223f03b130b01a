import { listNotifications } from "../../../application/notification/listNotifications.js";
import { markRead } from "../../../application/notification/markRead.js";
import { NotificationId } from "../../../domain/shared/ids.js";
import { notificationInputs } from "../../api/inputs/notification.js";
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
});
