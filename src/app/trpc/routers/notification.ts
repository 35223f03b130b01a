import { listNotifications } from "../../../application/notification/listNotifications.js";
import { markRead } from "../../../application/notification/markRead.js";
import { unreadCount } from "../../../application/notification/unreadCount.js";
import { NotificationId } from "../../../domain/shared/ids.js";
import { notificationInputs } from "../../api/inputs/notification.js";
import { run } from "../../api/run.js";
import { notificationView, pageView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

export const notificationRouter = router({
  list: authedProcedure
    .input(notificationInputs.list)
    .query(async ({ ctx, input }) => pageView(await run(ctx, listNotifications(ctx.userId, input ?? {})), notificationView)),
  unreadCount: authedProcedure.query(({ ctx }) => run(ctx, unreadCount(ctx.userId))),
  markRead: authedProcedure
    .input(notificationInputs.markRead)
    .mutation(({ ctx, input }) => run(ctx, markRead(ctx.userId, input.ids.map(NotificationId)))),
});
