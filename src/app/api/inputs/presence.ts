import { z } from "zod";
import { id, regionCode } from "./fields.js";

/** Inputs of the presence operations (tRPC `presence.*`). */
export const presenceInputs = {
  online: z.strictObject({ regionCode }),
  typing: z.strictObject({ questionId: id }),
};
