import { Effect } from "effect";
import type { Answer } from "../../domain/answer/answer.js";
import { isVisibleTo } from "../../domain/question/question.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { canModerate } from "../../domain/user/role.js";
import { actorOf } from "../moderation/actor.js";
import { AnswerRepository } from "../ports/AnswerRepository.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UserRepository } from "../ports/UserRepository.js";
import { ViewCounter } from "../ports/ViewCounter.js";
import { countView } from "./countView.js";

/** The accepted answer first, then the most liked, then the oldest. */
const answerOrder = (a: Answer, b: Answer) =>
  Number(b.isAccepted) - Number(a.isAccepted) || b.likeCount - a.likeCount || a.createdAt.getTime() - b.createdAt.getTime();

/**
 * A question with its answers and their authors. A read counts as a view (not the author's own, a
 * repeat by the same viewer within the counter's window once); the count shown includes the views
 * still buffered. `count` false builds a page for a cache, whose every reader is counted by countView.
 */
export const getQuestion = Effect.fn("getQuestion")(function* (
  id: QuestionId,
  viewerId: UserId | null,
  viewerKey: string | null = null,
  count = true,
) {
  const question = yield* (yield* QuestionRepository).findById(id);
  // Moderators read hidden posts (the review queue links to them); the role is looked up only when it matters.
  const moderator = Effect.suspend(() =>
    viewerId === null ? Effect.succeed(false) : Effect.map(actorOf(viewerId), (a) => canModerate(a.role)),
  );
  if (!question || (!isVisibleTo(question, viewerId) && !(question.deletedAt === null && (yield* moderator))))
    return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
  const pending = count
    ? yield* countView(id, viewerId, viewerKey, question.authorId)
    : // The buffered views without counting one: the author's own look never counts.
      yield* (yield* ViewCounter).record(id, { userId: question.authorId, key: null }, question.authorId);
  const listed = yield* (yield* AnswerRepository).listByQuestion(id);
  // An answer hidden pending review shows only to its author and moderators.
  const seesHidden = listed.some((a) => a.hiddenAt !== null && a.authorId !== viewerId) && (yield* moderator);
  const answers = listed.filter((a) => a.hiddenAt === null || a.authorId === viewerId || seesHidden).sort(answerOrder);
  const authors = yield* (yield* UserRepository).findByIds([question.authorId, ...answers.map((a) => a.authorId)]);
  return { question: { ...question, viewCount: question.viewCount + pending }, answers, authors };
});
