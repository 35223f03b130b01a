import { setVerificationLevel } from "../../../application/moderation/setVerificationLevel.js";
import { adminUserData } from "../../../application/privacy/adminUserData.js";
import { UserId } from "../../../domain/shared/ids.js";
import { moderationInputs } from "../../api/inputs/moderation.js";
import { adminInputs } from "../../api/inputs/privacy.js";
import { consentView } from "../../api/privacyViews.js";
import { run } from "../../api/run.js";
import { meView, publicUserView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

/** Administrators' procedures; each read of someone's personal data is audited (docs/privacy.md). */
export const adminRouter = router({
  setVerificationLevel: authedProcedure
    .input(moderationInputs.setVerificationLevel)
    .mutation(async ({ ctx, input }) =>
      publicUserView(await run(ctx, setVerificationLevel(ctx.userId, UserId(input.userId), input.level))),
    ),
  userData: authedProcedure.input(adminInputs.userData).query(async ({ ctx, input }) => {
    const { user, consents } = await run(ctx, adminUserData(ctx.userId, UserId(input.userId)));
    return {
      user: { ...meView(user), birthYear: user.birthYear, deletedAt: user.deletedAt?.toISOString() ?? null },
      consents: consents.map(consentView),
    };
  }),
});
