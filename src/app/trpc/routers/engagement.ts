import { z } from "zod";
import { listBadges } from "../../../application/badge/listBadges.js";
import { pointsBalance } from "../../../application/ledger/pointsBalance.js";
import { pointsHistory } from "../../../application/ledger/pointsHistory.js";
import { listNotifications } from "../../../application/notification/listNotifications.js";
import { markRead } from "../../../application/notification/markRead.js";
import { unreadCount } from "../../../application/notification/unreadCount.js";
import { NotificationId, UserId } from "../../../domain/shared/ids.js";
import { notificationListCursor, pointsHistoryCursor } from "../cursors.js";
import { id, limit } from "../schemas.js";
import { authedProcedure, publicProcedure, router, run } from "../trpc.js";
import { badgeView, ledgerEntryView, notificationView } from "../views.js";

export const pointsRouter = router({
  balance: authedProcedure.query(({ ctx }) => run(ctx, pointsBalance(ctx.userId))),
  history: authedProcedure.input(z.strictObject({ cursor: pointsHistoryCursor, limit }).optional()).query(async ({ ctx, input }) => {
    const page = await run(ctx, pointsHistory(ctx.userId, input ?? {}));
    return { items: page.items.map(ledgerEntryView), nextCursor: page.nextCursor };
  }),
});

export const badgeRouter = router({
  list: publicProcedure.input(z.strictObject({ userId: id })).query(async ({ ctx, input }) => ({
    badges: (await run(ctx, listBadges(UserId(input.userId)))).map(badgeView),
  })),
});

export const notificationRouter = router({
  list: authedProcedure
    .input(z.strictObject({ cursor: notificationListCursor, unreadOnly: z.boolean().optional(), limit }).optional())
    .query(async ({ ctx, input }) => {
      const page = await run(ctx, listNotifications(ctx.userId, input ?? {}));
      return { items: page.items.map(notificationView), nextCursor: page.nextCursor };
    }),
  unreadCount: authedProcedure.query(({ ctx }) => run(ctx, unreadCount(ctx.userId))),
  markRead: authedProcedure
    .input(z.strictObject({ ids: z.array(id).min(1).max(100) }))
    .mutation(({ ctx, input }) => run(ctx, markRead(ctx.userId, input.ids.map(NotificationId)))),
});
