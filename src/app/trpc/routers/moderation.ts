import { flagPost } from "../../../application/moderation/flagPost.js";
import { moderationQueue } from "../../../application/moderation/moderationQueue.js";
import { resolveReview } from "../../../application/moderation/resolveReview.js";
import { moderationInputs } from "../../api/inputs/moderation.js";
import { run } from "../../api/run.js";
import { queueItemView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

export const moderationRouter = router({
  flag: authedProcedure
    .input(moderationInputs.flag)
    .mutation(({ ctx, input }) => run(ctx, flagPost({ type: input.targetType, id: input.targetId }, ctx.userId, input.reason))),
  queue: authedProcedure.input(moderationInputs.queue).query(async ({ ctx, input }) => {
    const page = await run(ctx, moderationQueue(ctx.userId, input?.limit ?? 20, input?.cursor));
    return { items: page.items.map(queueItemView), nextCursor: page.nextCursor };
  }),
  resolve: authedProcedure
    .input(moderationInputs.resolve)
    .mutation(({ ctx, input }) => run(ctx, resolveReview({ type: input.targetType, id: input.targetId }, input.resolution, ctx.userId))),
});
