import { markTyping } from "../../../application/presence/markTyping.js";
import { onlineCount } from "../../../application/presence/onlineCount.js";
import { QuestionId } from "../../../domain/shared/ids.js";
import { presenceInputs } from "../../api/inputs/presence.js";
import { run } from "../../api/run.js";
import { authedProcedure, publicProcedure, router } from "../trpc.js";

export const presenceRouter = router({
  /** Signed-in users seen in the region (and its subregions) in the last 5 minutes. */
  online: publicProcedure.input(presenceInputs.online).query(({ ctx, input }) => run(ctx, onlineCount(input.regionCode))),
  /** The caller is typing an answer: question.get shows their nickname to others for 10 s. */
  typing: authedProcedure
    .input(presenceInputs.typing)
    .mutation(({ ctx, input }) => run(ctx, markTyping(QuestionId(input.questionId), ctx.userId))),
});
