import { adminRouter } from "./routers/admin.js";
import { answerRouter } from "./routers/answer.js";
import { authRouter } from "./routers/auth.js";
import { badgeRouter } from "./routers/badge.js";
import { followRouter } from "./routers/follow.js";
import { mediaRouter } from "./routers/media.js";
import { moderationRouter } from "./routers/moderation.js";
import { notificationRouter } from "./routers/notification.js";
import { pointsRouter } from "./routers/points.js";
import { presenceRouter } from "./routers/presence.js";
import { questionRouter } from "./routers/question.js";
import { regionRouter } from "./routers/region.js";
import { searchRouter } from "./routers/search.js";
import { userRouter } from "./routers/user.js";
import { webhookRouter } from "./routers/webhook.js";
import { router } from "./trpc.js";

/** Procedure names are a contract (docs/api.md, generated from this router): rename nothing. */
export const appRouter = router({
  auth: authRouter,
  user: userRouter,
  region: regionRouter,
  question: questionRouter,
  answer: answerRouter,
  points: pointsRouter,
  badge: badgeRouter,
  notification: notificationRouter,
  follow: followRouter,
  search: searchRouter,
  media: mediaRouter,
  moderation: moderationRouter,
  admin: adminRouter,
  presence: presenceRouter,
  webhook: webhookRouter,
});

export type AppRouter = typeof appRouter;
