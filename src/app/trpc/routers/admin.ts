import { adminUserData } from "../../../application/privacy/adminUserData.js";
import { UserId } from "../../../domain/shared/ids.js";
import { adminInputs } from "../../api/inputs/privacy.js";
import { consentView } from "../../api/privacyViews.js";
import { run } from "../../api/run.js";
import { meView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

/** Administrators' procedures; each read of someone's personal data is audited (docs/privacy.md). */
export const adminRouter = router({
  userData: authedProcedure.input(adminInputs.userData).query(async ({ ctx, input }) => {
    const { user, consents } = await run(ctx, adminUserData(ctx.userId, UserId(input.userId)));
    return {
      user: { ...meView(user), birthYear: user.birthYear, deletedAt: user.deletedAt?.toISOString() ?? null },
      consents: consents.map(consentView),
    };
  }),
});
