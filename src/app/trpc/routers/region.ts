import { locateRegion } from "../../../application/region/locateRegion.js";
import { regionInputs } from "../../api/inputs/region.js";
import { dataOf, regionListAnswer, regionStatsAnswer } from "../../api/publicReads.js";
import { run } from "../../api/run.js";
import { type regionListView, regionView } from "../../api/views.js";
import { publicProcedure, router } from "../trpc.js";

export const regionRouter = router({
  list: publicProcedure
    .input(regionInputs.list)
    // The same for everyone: the public cache's serialised answer (the hot path serves its bytes, src/app/http/hotReads.ts).
    .query(async ({ ctx, input }) => dataOf<ReturnType<typeof regionListView>>(await run(ctx, regionListAnswer(input?.parentCode)))),
  // Questions and users in a region and its subregions (`region:stats:{code}`, the same for everyone).
  stats: publicProcedure
    .input(regionInputs.stats)
    .query(async ({ ctx, input }) =>
      dataOf<{ regionCode: string; questionCount: number; userCount: number }>(await run(ctx, regionStatsAnswer(input.regionCode))),
    ),
  locate: publicProcedure.input(regionInputs.locate).query(async ({ ctx, input }) => {
    const region = await run(ctx, locateRegion(input));
    return region ? regionView(region) : null;
  }),
});
