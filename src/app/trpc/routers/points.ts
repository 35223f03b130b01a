import { pointsBalance } from "../../../application/ledger/pointsBalance.js";
import { pointsHistory } from "../../../application/ledger/pointsHistory.js";
import { pointsInputs } from "../../api/inputs/points.js";
import { run } from "../../api/run.js";
import { ledgerEntryView, pageView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

export const pointsRouter = router({
  balance: authedProcedure.query(({ ctx }) => run(ctx, pointsBalance(ctx.userId))),
  history: authedProcedure
    .input(pointsInputs.history)
    .query(async ({ ctx, input }) => pageView(await run(ctx, pointsHistory(ctx.userId, input ?? {})), ledgerEntryView)),
});
