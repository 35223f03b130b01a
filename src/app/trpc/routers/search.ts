import { searchQuestions } from "../../../application/search/searchQuestions.js";
import { suggestTitles } from "../../../application/search/suggestTitles.js";
import { trendingKeywords } from "../../../application/search/trendingKeywords.js";
import { searchInputs } from "../../api/inputs/search.js";
import { withImageLinks } from "../../api/media.js";
import { run } from "../../api/run.js";
import { searchResultView } from "../../api/views.js";
import { publicProcedure, router } from "../trpc.js";

export const searchRouter = router({
  questions: publicProcedure
    .input(searchInputs.questions)
    .query(async ({ ctx, input }) => withImageLinks(ctx, searchResultView(await run(ctx, searchQuestions(input ?? {}))))),
  suggest: publicProcedure
    .input(searchInputs.suggest)
    .query(({ ctx, input }) => run(ctx, suggestTitles(input.prefix, input.size, input.regionCode))),
  trending: publicProcedure.input(searchInputs.trending).query(({ ctx, input }) => run(ctx, trendingKeywords(input?.range ?? "24h"))),
});
