import { getMe } from "../../../application/account/getMe.js";
import { verifyLocal } from "../../../application/account/verifyLocal.js";
import { UserId } from "../../../domain/shared/ids.js";
import { userInputs } from "../../api/inputs/user.js";
import { userProfile } from "../../api/publicReads.js";
import { run } from "../../api/run.js";
import { meView, verificationView } from "../../api/views.js";
import { authedProcedure, publicProcedure, router } from "../trpc.js";

export const userRouter = router({
  me: authedProcedure.query(async ({ ctx }) => meView(await run(ctx, getMe(ctx.userId)))),
  // Public, the same for everyone: `user:profile:{id}` (src/app/api/publicReads.ts).
  get: publicProcedure.input(userInputs.get).query(({ ctx, input }) => run(ctx, userProfile(UserId(input.id)))),
  verifyLocal: authedProcedure
    .input(userInputs.verifyLocal)
    .mutation(async ({ ctx, input }) => verificationView(await run(ctx, verifyLocal(ctx.userId, input)))),
});
