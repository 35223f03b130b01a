import { getMe } from "../../../application/account/getMe.js";
import { verifyLocal } from "../../../application/account/verifyLocal.js";
import { getConsents, setConsent } from "../../../application/privacy/consents.js";
import { deleteAccount } from "../../../application/privacy/deleteAccount.js";
import { exportData } from "../../../application/privacy/exportData.js";
import { listLocationUses } from "../../../application/privacy/listLocationUses.js";
import { UserId } from "../../../domain/shared/ids.js";
import { userInputs } from "../../api/inputs/user.js";
import { consentsView, deletionView, exportView, locationUseView } from "../../api/privacyViews.js";
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
  // Privacy (docs/privacy.md).
  consents: authedProcedure.query(async ({ ctx }) => consentsView(await run(ctx, getConsents(ctx.userId)))),
  setConsent: authedProcedure
    .input(userInputs.setConsent)
    .mutation(async ({ ctx, input }) => consentsView(await run(ctx, setConsent(ctx.userId, input.kind, input.granted)))),
  locationLog: authedProcedure
    .input(userInputs.locationLog)
    .query(async ({ ctx, input }) => ({ items: (await run(ctx, listLocationUses(ctx.userId, input?.limit))).map(locationUseView) })),
  exportData: authedProcedure.query(async ({ ctx }) => exportView(await run(ctx, exportData(ctx.userId)))),
  deleteAccount: authedProcedure.input(userInputs.deleteAccount).mutation(async ({ ctx, input }) => {
    const result = await run(ctx, deleteAccount(ctx.userId, input.password));
    ctx.cookie.clear();
    return deletionView(result);
  }),
});
