import { z } from "zod";
import { mediaKey } from "./fields.js";

/** Inputs of the image operations (tRPC `media.*`). Limits on type and size are the domain's (typed errors). */
export const mediaInputs = {
  createUpload: z.strictObject({
    contentType: z.string().min(1).max(100),
    size: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  }),
  confirm: z.strictObject({ key: mediaKey }),
};
