import { listBadges } from "../../../application/badge/listBadges.js";
import { UserId } from "../../../domain/shared/ids.js";
import { badgeInputs } from "../../api/inputs/badge.js";
import { run } from "../../api/run.js";
import { badgeView } from "../../api/views.js";
import { publicProcedure, router } from "../trpc.js";

export const badgeRouter = router({
  list: publicProcedure.input(badgeInputs.list).query(async ({ ctx, input }) => ({
    badges: (await run(ctx, listBadges(UserId(input.userId)))).map(badgeView),
  })),
});
