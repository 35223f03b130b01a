import { z } from "zod";
import { SEARCH_SORTS } from "../../../application/ports/SearchIndex.js";
import { category, lat, lng, radiusKm, regionCode, urgency, userText } from "./fields.js";

// An instant with its offset, handed on as a Date.
const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .optional();

// Sorts by the names question.list uses too; `popularity`, this procedure's first name for `popular`, is still accepted.
const sort = z
  .enum([...SEARCH_SORTS, "popularity"])
  .transform((s) => (s === "popularity" ? "popular" : s))
  .describe('`"popularity"` is an older name of `"popular"`, still accepted');

const filters = z.strictObject({
  regionCode: regionCode.optional(),
  category: category.optional(),
  hashtags: z.array(userText(100)).max(10).optional(),
  urgency: urgency.optional(),
  hasAnswers: z.boolean().optional(),
  localOnly: z.boolean().optional(),
  dateFrom: instant,
  dateTo: instant,
});

/** Inputs of the search operations (tRPC `search.*`). */
export const searchInputs = {
  questions: z
    .strictObject({
      query: userText(200).optional(),
      filters: filters.optional(),
      location: z.strictObject({ lat, lng, radiusKm }).optional(),
      sort: sort.optional(),
      page: z.number().int().min(1).max(50).optional(),
      size: z.number().int().min(1).max(50).optional(),
    })
    .optional(),
  suggest: z.strictObject({ prefix: userText(50), size: z.number().int().min(1).max(20).optional(), regionCode: regionCode.optional() }),
  trending: z.strictObject({ range: z.enum(["24h", "7d"]).optional() }).optional(),
};
