import { escalationOf } from "../../../application/escalation/escalateQuestion.js";
import { whoIsTyping } from "../../../application/presence/whoIsTyping.js";
import { askQuestion } from "../../../application/question/askQuestion.js";
import { closeQuestion } from "../../../application/question/closeQuestion.js";
import { deleteQuestion } from "../../../application/question/deleteQuestion.js";
import { getQuestion } from "../../../application/question/getQuestion.js";
import { likeQuestion } from "../../../application/question/likeQuestion.js";
import { listQuestions } from "../../../application/question/listQuestions.js";
import { nearbyQuestionsFor } from "../../../application/question/nearbyQuestions.js";
import { questionRevisions } from "../../../application/question/questionRevisions.js";
import { similarQuestions } from "../../../application/question/similarQuestions.js";
import { updateQuestion } from "../../../application/question/updateQuestion.js";
import { SAFETY_NOTICE } from "../../../domain/notification/escalation.js";
import { QuestionId, UserId } from "../../../domain/shared/ids.js";
import { questionInputs } from "../../api/inputs/question.js";
import { withImageLinks } from "../../api/media.js";
import { withPublicLocations } from "../../api/publicLocations.js";
import { publicQuestionDetail, publicQuestionList } from "../../api/publicReads.js";
import { run } from "../../api/run.js";
import { nearbyView, pageView, questionDetailView, questionView, revisionView, similarView } from "../../api/views.js";
import { authedProcedure, publicProcedure, router } from "../trpc.js";

export const questionRouter = router({
  ask: authedProcedure.input(questionInputs.ask).mutation(async ({ ctx, input }) => {
    const asked = await run(ctx, askQuestion({ ...input, authorId: ctx.userId }));
    // An emergency's asker is told to call 112/119 first, in the answer to the ask itself.
    return { ...(await withImageLinks(ctx, questionView(asked))), safetyNotice: asked.urgency === "emergency" ? SAFETY_NOTICE : null };
  }),
  /** How many locals an urgent question of the caller's own has reached (never who); null for anyone else's. */
  escalation: authedProcedure
    .input(questionInputs.get)
    .query(async ({ ctx, input }) => ({ notified: (await run(ctx, escalationOf(QuestionId(input.id), ctx.userId)))?.notified ?? null })),
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
    .query(async ({ ctx, input }) => withImageLinks(ctx, nearbyView(await run(ctx, nearbyQuestionsFor(input, ctx.userId))))),
  like: authedProcedure.input(questionInputs.like).mutation(({ ctx, input }) => run(ctx, likeQuestion(QuestionId(input.id), ctx.userId))),
  close: authedProcedure
    .input(questionInputs.close)
    .mutation(async ({ ctx, input }) => withImageLinks(ctx, questionView(await run(ctx, closeQuestion(QuestionId(input.id), ctx.userId))))),
  update: authedProcedure.input(questionInputs.update).mutation(async ({ ctx, input }) => {
    const { id, ...edit } = input;
    return withImageLinks(ctx, questionView(await run(ctx, updateQuestion(QuestionId(id), ctx.userId, edit))));
  }),
  delete: authedProcedure
    .input(questionInputs.delete)
    .mutation(async ({ ctx, input }) =>
      withImageLinks(ctx, questionView(await run(ctx, deleteQuestion(QuestionId(input.id), ctx.userId)))),
    ),
  revisions: publicProcedure.input(questionInputs.revisions).query(async ({ ctx, input }) => ({
    revisions: (await run(ctx, questionRevisions(QuestionId(input.id), ctx.userId))).map(revisionView),
  })),
  similar: publicProcedure
    .input(questionInputs.similar)
    .query(async ({ ctx, input }) => withPublicLocations(ctx, similarView(await run(ctx, similarQuestions(input))))),
});
