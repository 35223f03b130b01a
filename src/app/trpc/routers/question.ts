import { z } from "zod";
import { askQuestion } from "../../../application/question/askQuestion.js";
import { closeQuestion } from "../../../application/question/closeQuestion.js";
import { getQuestion } from "../../../application/question/getQuestion.js";
import { likeQuestion } from "../../../application/question/likeQuestion.js";
import { listQuestions } from "../../../application/question/listQuestions.js";
import { nearbyQuestions } from "../../../application/question/nearbyQuestions.js";
import { QuestionId, UserId } from "../../../domain/shared/ids.js";
import type { User } from "../../../domain/user/user.js";
import { questionListCursor } from "../cursors.js";
import {
  category,
  id,
  imageKeys,
  lat,
  limit,
  listableStatus,
  lng,
  questionSort,
  radiusKm,
  regionCode,
  urgency,
  userText,
} from "../schemas.js";
import { authedProcedure, publicProcedure, router, run } from "../trpc.js";
import { answerView, publicUserView, questionView } from "../views.js";

export const questionRouter = router({
  ask: authedProcedure
    .input(
      z.strictObject({
        title: userText(1000),
        content: userText(10_000),
        hashtags: z.array(userText(100)).max(20).optional(),
        regionCode: regionCode.optional(),
        category: category.optional(),
        urgency: urgency.optional(),
        location: z.strictObject({ lat, lng, description: userText(1000).optional() }).optional(),
        images: imageKeys,
      }),
    )
    .mutation(async ({ ctx, input }) => questionView(await run(ctx, askQuestion({ ...input, authorId: ctx.userId })))),
  get: publicProcedure.input(z.strictObject({ id })).query(async ({ ctx, input }) => {
    const { question, answers, authors } = await run(ctx, getQuestion(QuestionId(input.id), ctx.userId));
    const byId = new Map<string, User>(authors.map((u) => [u.id, u]));
    const author = (userId: string) => {
      const u = byId.get(userId);
      return u ? publicUserView(u) : null;
    };
    return {
      ...questionView(question),
      author: author(question.authorId),
      answers: answers.map((a) => ({ ...answerView(a), author: author(a.authorId) })),
    };
  }),
  list: publicProcedure
    .input(
      z
        .strictObject({
          regionCode: regionCode.optional(),
          category: category.optional(),
          status: listableStatus.optional(),
          authorId: id.optional(),
          sort: questionSort.optional(),
          cursor: questionListCursor,
          limit,
        })
        .optional(),
    )
    .query(async ({ ctx, input }) => {
      const { items, nextCursor } = await run(
        ctx,
        listQuestions({ ...input, authorId: input?.authorId ? UserId(input.authorId) : undefined }),
      );
      return { items: items.map(questionView), nextCursor };
    }),
  nearby: publicProcedure.input(z.strictObject({ lat, lng, radiusKm, limit })).query(async ({ ctx, input }) => {
    const { items } = await run(ctx, nearbyQuestions(input));
    return { items: items.map((i) => ({ ...questionView(i.question), distanceKm: Math.round(i.distanceKm * 1000) / 1000 })) };
  }),
  like: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(({ ctx, input }) => run(ctx, likeQuestion(QuestionId(input.id), ctx.userId))),
  close: authedProcedure
    .input(z.strictObject({ id }))
    .mutation(async ({ ctx, input }) => questionView(await run(ctx, closeQuestion(QuestionId(input.id), ctx.userId)))),
});
