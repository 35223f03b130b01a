import { Effect } from "effect";
import type { Answer } from "../../domain/answer/answer.js";
import { isVisibleTo } from "../../domain/question/question.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UserRepository } from "../ports/UserRepository.js";
import { ViewCounter } from "../ports/ViewCounter.js";

/** The accepted answer first, then the most liked, then the oldest. */
const answerOrder = (a: Answer, b: Answer) =>
  Number(b.isAccepted) - Number(a.isAccepted) || b.likeCount - a.likeCount || a.createdAt.getTime() - b.createdAt.getTime();

/**
 * A question with its answers and their authors. A read counts as a view (not the author's own, a
 * repeat by the same viewer within the counter's window once); the count shown includes the views
 * still buffered.
 */
export const getQuestion = Effect.fn("getQuestion")(function* (id: QuestionId, viewerId: UserId | null, viewerKey: string | null = null) {
  const question = yield* (yield* QuestionRepository).findById(id);
  if (!question || !isVisibleTo(question, viewerId)) return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
  const pending = yield* (yield* ViewCounter).record(
    id,
    { userId: viewerId, key: viewerId ? `u:${viewerId}` : viewerKey ? `a:${viewerKey}` : null },
    question.authorId,
  );
  const answers = [...(yield* (yield* AnswerRepository).listByQuestion(id))].sort(answerOrder);
  const authors = yield* (yield* UserRepository).findByIds([question.authorId, ...answers.map((a) => a.authorId)]);
  return { question: { ...question, viewCount: question.viewCount + pending }, answers, authors };
});
