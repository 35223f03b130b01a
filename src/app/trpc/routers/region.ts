import { z } from "zod";
import { REGION_ATTRIBUTION } from "../../../adapters/region-data/jejuRegions.js";
import { listRegions } from "../../../application/region/listRegions.js";
import { locateRegion } from "../../../application/region/locateRegion.js";
import { lat, lng, regionCode } from "../schemas.js";
import { publicProcedure, router, run } from "../trpc.js";
import { regionView } from "../views.js";

export const regionRouter = router({
  list: publicProcedure.input(z.strictObject({ parentCode: regionCode.optional() }).optional()).query(async ({ ctx, input }) => ({
    regions: (await run(ctx, listRegions(input?.parentCode))).map(regionView),
    attribution: REGION_ATTRIBUTION,
  })),
  locate: publicProcedure.input(z.strictObject({ lat, lng })).query(async ({ ctx, input }) => {
    const region = await run(ctx, locateRegion(input));
    return region ? regionView(region) : null;
  }),
});
