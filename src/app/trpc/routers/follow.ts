import { addFollow } from "../../../application/follow/addFollow.js";
import { listFollows } from "../../../application/follow/listFollows.js";
import { removeFollow } from "../../../application/follow/removeFollow.js";
import { followInputs } from "../../api/inputs/follow.js";
import { run } from "../../api/run.js";
import { followView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

export const followRouter = router({
  add: authedProcedure
    .input(followInputs.add)
    .mutation(async ({ ctx, input }) =>
      followView(
        await run(
          ctx,
          addFollow(
            ctx.userId,
            input.regionCode !== undefined
              ? { kind: "region", target: input.regionCode }
              : { kind: "hashtag", target: input.hashtag ?? "" },
          ),
        ),
      ),
    ),
  remove: authedProcedure.input(followInputs.remove).mutation(({ ctx, input }) => run(ctx, removeFollow(ctx.userId, input.id))),
  list: authedProcedure.query(async ({ ctx }) => {
    const { items, max } = await run(ctx, listFollows(ctx.userId));
    return { items: items.map(followView), max };
  }),
});
