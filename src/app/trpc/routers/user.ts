import { getMe } from "../../../application/account/getMe.js";
import { getProfile } from "../../../application/account/getProfile.js";
import { verifyLocal } from "../../../application/account/verifyLocal.js";
import { UserId } from "../../../domain/shared/ids.js";
import { userInputs } from "../../api/inputs/user.js";
import { run } from "../../api/run.js";
import { badgeView, meView, publicUserView, verificationView } from "../../api/views.js";
import { authedProcedure, publicProcedure, router } from "../trpc.js";

export const userRouter = router({
  me: authedProcedure.query(async ({ ctx }) => meView(await run(ctx, getMe(ctx.userId)))),
  get: publicProcedure.input(userInputs.get).query(async ({ ctx, input }) => {
    const { user, badges } = await run(ctx, getProfile(UserId(input.id)));
    return { ...publicUserView(user), badges: badges.map(badgeView) };
  }),
  verifyLocal: authedProcedure
    .input(userInputs.verifyLocal)
    .mutation(async ({ ctx, input }) => verificationView(await run(ctx, verifyLocal(ctx.userId, input)))),
});
