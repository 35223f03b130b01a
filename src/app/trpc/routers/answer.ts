import { acceptAnswer } from "../../../application/answer/acceptAnswer.js";
import { answerRevisions } from "../../../application/answer/answerRevisions.js";
import { deleteAnswer } from "../../../application/answer/deleteAnswer.js";
import { likeAnswer } from "../../../application/answer/likeAnswer.js";
import { postAnswer } from "../../../application/answer/postAnswer.js";
import { updateAnswer } from "../../../application/answer/updateAnswer.js";
import { AnswerId, QuestionId } from "../../../domain/shared/ids.js";
import { answerInputs } from "../../api/inputs/answer.js";
import { withImageLinks } from "../../api/media.js";
import { run } from "../../api/run.js";
import { acceptanceView, answerView, revisionView } from "../../api/views.js";
import { authedProcedure, publicProcedure, router } from "../trpc.js";

export const answerRouter = router({
  create: authedProcedure
    .input(answerInputs.create)
    .mutation(async ({ ctx, input }) =>
      withImageLinks(
        ctx,
        answerView(await run(ctx, postAnswer({ ...input, questionId: QuestionId(input.questionId), authorId: ctx.userId }))),
      ),
    ),
  accept: authedProcedure
    .input(answerInputs.accept)
    .mutation(async ({ ctx, input }) =>
      withImageLinks(ctx, acceptanceView(await run(ctx, acceptAnswer({ answerId: AnswerId(input.answerId), actorId: ctx.userId })))),
    ),
  like: authedProcedure.input(answerInputs.like).mutation(({ ctx, input }) => run(ctx, likeAnswer(AnswerId(input.id), ctx.userId))),
  update: authedProcedure
    .input(answerInputs.update)
    .mutation(async ({ ctx, input }) =>
      withImageLinks(ctx, answerView(await run(ctx, updateAnswer(AnswerId(input.id), ctx.userId, input.content)))),
    ),
  delete: authedProcedure
    .input(answerInputs.delete)
    .mutation(async ({ ctx, input }) => withImageLinks(ctx, answerView(await run(ctx, deleteAnswer(AnswerId(input.id), ctx.userId))))),
  revisions: publicProcedure
    .input(answerInputs.revisions)
    .query(async ({ ctx, input }) => ({ revisions: (await run(ctx, answerRevisions(AnswerId(input.id), ctx.userId))).map(revisionView) })),
});
