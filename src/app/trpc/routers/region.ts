import { listRegions } from "../../../application/region/listRegions.js";
import { locateRegion } from "../../../application/region/locateRegion.js";
import { regionInputs } from "../../api/inputs/region.js";
import { run } from "../../api/run.js";
import { regionListView, regionView } from "../../api/views.js";
import { publicProcedure, router } from "../trpc.js";

export const regionRouter = router({
  list: publicProcedure
    .input(regionInputs.list)
    .query(async ({ ctx, input }) => regionListView(await run(ctx, listRegions(input?.parentCode)))),
  locate: publicProcedure.input(regionInputs.locate).query(async ({ ctx, input }) => {
    const region = await run(ctx, locateRegion(input));
    return region ? regionView(region) : null;
  }),
});
