import type { Effect } from "effect";
import { searchQuestions } from "../../../application/search/searchQuestions.js";
import { suggestTitles } from "../../../application/search/suggestTitles.js";
import type { trendingKeywords } from "../../../application/search/trendingKeywords.js";
import { searchInputs } from "../../api/inputs/search.js";
import { withImageLinks } from "../../api/media.js";
import { dataOf, trendingAnswer } from "../../api/publicReads.js";
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
  // The same for everyone: the public cache's serialised answer (`trending:hashtags:{range}`, 900 s).
  trending: publicProcedure
    .input(searchInputs.trending)
    .query(async ({ ctx, input }) =>
      dataOf<Effect.Success<ReturnType<typeof trendingKeywords>>>(await run(ctx, trendingAnswer(input?.range ?? "24h"))),
    ),
});
