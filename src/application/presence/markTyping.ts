import { Effect } from "effect";
import { isVisibleTo } from "../../domain/question/question.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { Clock } from "../ports/Clock.js";
import { Presence, TYPING_WINDOW_SECONDS } from "../ports/Presence.js";
import { QuestionRepository } from "../ports/QuestionRepository.js";
import { UserRepository } from "../ports/UserRepository.js";

/** The caller is typing an answer on a question they can see: shown to its readers for the typing window. */
export const markTyping = Effect.fn("markTyping")(function* (questionId: QuestionId, userId: UserId) {
  const question = yield* (yield* QuestionRepository).findById(questionId);
  if (!question || !isVisibleTo(question, userId)) return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
  const user = yield* (yield* UserRepository).findById(userId);
  if (!user || user.deletedAt !== null) return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
  yield* (yield* Presence).markTyping(questionId, userId, user.nickname, yield* (yield* Clock).now);
  return { questionId, expiresInSeconds: TYPING_WINDOW_SECONDS };
});
