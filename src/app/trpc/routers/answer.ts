import { acceptAnswer } from "../../../application/answer/acceptAnswer.js";
import { likeAnswer } from "../../../application/answer/likeAnswer.js";
import { postAnswer } from "../../../application/answer/postAnswer.js";
import { AnswerId, QuestionId } from "../../../domain/shared/ids.js";
import { answerInputs } from "../../api/inputs/answer.js";
import { withImageLinks } from "../../api/media.js";
import { run } from "../../api/run.js";
import { acceptanceView, answerView } from "../../api/views.js";
import { authedProcedure, router } from "../trpc.js";

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
});
