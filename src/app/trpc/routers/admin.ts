import { setVerificationLevel } from "../../../application/moderation/setVerificationLevel.js";
import { UserId } from "../../../domain/shared/ids.js";
import { moderationInputs } from "../../api/inputs/moderation.js";
import { run } from "../../api/run.js";
import { publicUserView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

export const adminRouter = router({
  setVerificationLevel: authedProcedure
    .input(moderationInputs.setVerificationLevel)
    .mutation(async ({ ctx, input }) =>
      publicUserView(await run(ctx, setVerificationLevel(ctx.userId, UserId(input.userId), input.level))),
    ),
});
