import { z } from "zod";
import { getMe } from "../../../application/account/getMe.js";
import { getProfile } from "../../../application/account/getProfile.js";
import { verifyLocal } from "../../../application/account/verifyLocal.js";
import { UserId } from "../../../domain/shared/ids.js";
import { id, lat, lng } from "../schemas.js";
import { authedProcedure, publicProcedure, router, run } from "../trpc.js";
import { badgeView, meView, publicUserView, regionView } from "../views.js";

export const userRouter = router({
  me: authedProcedure.query(async ({ ctx }) => meView(await run(ctx, getMe(ctx.userId)))),
  get: publicProcedure.input(z.strictObject({ id })).query(async ({ ctx, input }) => {
    const { user, badges } = await run(ctx, getProfile(UserId(input.id)));
    return { ...publicUserView(user), badges: badges.map(badgeView) };
  }),
  verifyLocal: authedProcedure.input(z.strictObject({ lat, lng })).mutation(async ({ ctx, input }) => {
    const result = await run(ctx, verifyLocal(ctx.userId, input));
    return {
      verificationLevel: result.verificationLevel,
      previousLevel: result.previousLevel,
      isLocalVerified: result.verificationLevel >= 2,
      region: regionView(result.region),
    };
  }),
});
