import { whoIsTyping } from "../../../application/presence/whoIsTyping.js";
import { askQuestion } from "../../../application/question/askQuestion.js";
import { closeQuestion } from "../../../application/question/closeQuestion.js";
import { getQuestion } from "../../../application/question/getQuestion.js";
import { likeQuestion } from "../../../application/question/likeQuestion.js";
import { listQuestions } from "../../../application/question/listQuestions.js";
import { nearbyQuestions } from "../../../application/question/nearbyQuestions.js";
import { similarQuestions } from "../../../application/question/similarQuestions.js";
import { QuestionId, UserId } from "../../../domain/shared/ids.js";
import { questionInputs } from "../../api/inputs/question.js";
import { withImageLinks } from "../../api/media.js";
import { publicQuestionDetail, publicQuestionList } from "../../api/publicReads.js";
import { run } from "../../api/run.js";
import { nearbyView, pageView, questionDetailView, questionView, similarView } from "../../api/views.js";
import { authedProcedure, publicProcedure, router } from "../trpc.js";

export const questionRouter = router({
  ask: authedProcedure
    .input(questionInputs.ask)
    .mutation(async ({ ctx, input }) => withImageLinks(ctx, questionView(await run(ctx, askQuestion({ ...input, authorId: ctx.userId }))))),
  get: publicProcedure.input(questionInputs.get).query(async ({ ctx, input }) =>
    ctx.userId
      ? {
          ...(await withImageLinks(
            ctx,
            questionDetailView(await run(ctx, getQuestion(QuestionId(input.id), ctx.userId, ctx.clientKey ?? null))),
          )),
          // Who is typing is read per request, beside the page (the caller left out).
          typing: await run(ctx, whoIsTyping(QuestionId(input.id), ctx.userId)),
        }
      : // Anonymous readers share one cached page, its image links in it (signed-in ones may see their own hidden questions, and read their writes).
        publicQuestionDetail(ctx, QuestionId(input.id), ctx.clientKey ?? null),
  ),
  list: publicProcedure.input(questionInputs.list).query(async ({ ctx, input }) => {
    const query = { ...input, authorId: input?.authorId ? UserId(input.authorId) : undefined };
    // First pages for anonymous readers come from the public cache; later pages and signed-in readers from the store.
    if (!ctx.userId && !input?.cursor) return publicQuestionList(ctx, query);
    const page = await run(ctx, listQuestions(query));
    return withImageLinks(ctx, pageView(page, questionView));
  }),
  nearby: publicProcedure
    .input(questionInputs.nearby)
    .query(async ({ ctx, input }) => withImageLinks(ctx, nearbyView(await run(ctx, nearbyQuestions(input))))),
  like: authedProcedure.input(questionInputs.like).mutation(({ ctx, input }) => run(ctx, likeQuestion(QuestionId(input.id), ctx.userId))),
  close: authedProcedure
    .input(questionInputs.close)
    .mutation(async ({ ctx, input }) => withImageLinks(ctx, questionView(await run(ctx, closeQuestion(QuestionId(input.id), ctx.userId))))),
  similar: publicProcedure
    .input(questionInputs.similar)
    .query(async ({ ctx, input }) => similarView(await run(ctx, similarQuestions(input)))),
});
