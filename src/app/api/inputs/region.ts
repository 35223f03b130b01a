import { z } from "zod";
import { lat, lng, regionCode } from "./fields.js";

/** Inputs of the region operations (tRPC `region.*`). */
export const regionInputs = {
  list: z.strictObject({ parentCode: regionCode.optional() }).optional(),
  locate: z.strictObject({ lat, lng }),
  stats: z.strictObject({ regionCode }),
};
