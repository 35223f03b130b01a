import { z } from "zod";
import { acceptAnswer } from "../../../application/answer/acceptAnswer.js";
import { likeAnswer } from "../../../application/answer/likeAnswer.js";
import { postAnswer } from "../../../application/answer/postAnswer.js";
import { AnswerId, QuestionId } from "../../../domain/shared/ids.js";
import { id, imageKeys, userText } from "../schemas.js";
import { authedProcedure, router, run } from "../trpc.js";
import { answerView, questionView } from "../views.js";

export const answerRouter = router({
  create: authedProcedure
    .input(z.strictObject({ questionId: id, content: userText(5000), images: imageKeys }))
    .mutation(async ({ ctx, input }) =>
      answerView(await run(ctx, postAnswer({ ...input, questionId: QuestionId(input.questionId), authorId: ctx.userId }))),
    ),
  accept: authedProcedure.input(z.strictObject({ answerId: id })).mutation(async ({ ctx, input }) => {
    const r = await run(ctx, acceptAnswer({ answerId: AnswerId(input.answerId), actorId: ctx.userId }));
    return { question: questionView(r.question), answer: answerView(r.answer), pointsAwarded: r.pointsAwarded };
  }),
  like: authedProcedure.input(z.strictObject({ id })).mutation(({ ctx, input }) => run(ctx, likeAnswer(AnswerId(input.id), ctx.userId))),
});
