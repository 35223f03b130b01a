import { z } from "zod";
import { id, regionCode, userText } from "./fields.js";

/** Inputs of the follow operations (tRPC `follow.*`): a region or a hashtag, exactly one. */
export const followInputs = {
  add: z
    .strictObject({ regionCode: regionCode.optional(), hashtag: userText(100).optional() })
    .refine((i) => (i.regionCode === undefined) !== (i.hashtag === undefined), {
      message: "지역(regionCode)이나 해시태그(hashtag) 중 하나만 골라 주세요.",
      path: ["regionCode"],
    }),
  remove: z.strictObject({ id }),
};
