import { z } from "zod";
import { SEARCH_SORTS } from "../../../application/ports/SearchIndex.js";
import { searchQuestions } from "../../../application/search/searchQuestions.js";
import { suggestTitles } from "../../../application/search/suggestTitles.js";
import { trendingKeywords } from "../../../application/search/trendingKeywords.js";
import { CATEGORY_LABELS, isCategory } from "../../../domain/question/category.js";
import { category, lat, lng, radiusKm, regionCode, urgency, userText } from "../schemas.js";
import { publicProcedure, router, run } from "../trpc.js";
import { questionView } from "../views.js";

const filters = z.strictObject({
  regionCode: regionCode.optional(),
  category: category.optional(),
  hashtags: z.array(userText(100)).max(10).optional(),
  urgency: urgency.optional(),
  hasAnswers: z.boolean().optional(),
  localOnly: z.boolean().optional(),
  dateFrom: z.iso.datetime({ offset: true }).optional(),
  dateTo: z.iso.datetime({ offset: true }).optional(),
});

export const searchRouter = router({
  questions: publicProcedure
    .input(
      z
        .strictObject({
          query: userText(200).optional(),
          filters: filters.optional(),
          location: z.strictObject({ lat, lng, radiusKm }).optional(),
          sort: z.enum(SEARCH_SORTS).optional(),
          page: z.number().int().min(1).max(50).optional(),
          size: z.number().int().min(1).max(50).optional(),
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const f = input?.filters;
      const result = await run(
        ctx,
        searchQuestions({
          ...input,
          filters: f && {
            ...f,
            dateFrom: f.dateFrom ? new Date(f.dateFrom) : undefined,
            dateTo: f.dateTo ? new Date(f.dateTo) : undefined,
          },
        }),
      );
      return {
        hits: result.hits.map((h) => ({ ...questionView(h.question), score: h.score, distanceKm: h.distanceKm, highlight: h.highlight })),
        total: result.total,
        typoTolerant: result.typoTolerant,
        facets: {
          categories: result.facets.categories.map((c) => ({ ...c, label: isCategory(c.key) ? CATEGORY_LABELS[c.key].ko : c.key })),
          regions: result.facets.regions,
          hashtags: result.facets.hashtags,
        },
        tookMs: result.tookMs,
        // PostgreSQL answered because the engine failed, was slow or is resting (circuit open).
        degraded: result.degraded,
      };
    }),
  suggest: publicProcedure
    .input(z.strictObject({ prefix: userText(50), size: z.number().int().min(1).max(20).optional(), regionCode: regionCode.optional() }))
    .query(({ ctx, input }) => run(ctx, suggestTitles(input.prefix, input.size, input.regionCode))),
  trending: publicProcedure
    .input(z.strictObject({ range: z.enum(["24h", "7d"]).optional() }).optional())
    .query(({ ctx, input }) => run(ctx, trendingKeywords(input?.range ?? "24h"))),
});
