import { Context, type Effect } from "effect";
import type { Answer } from "../../domain/answer/answer.js";
import type { AnswerId, QuestionId, UserId } from "../../domain/shared/ids.js";

export class AnswerRepository extends Context.Service<
  AnswerRepository,
  {
    readonly insert: (a: Answer) => Effect.Effect<void>;
    readonly findById: (id: AnswerId) => Effect.Effect<Answer | undefined>;
    /** Non-deleted answers of a question, oldest first. */
    readonly listByQuestion: (questionId: QuestionId) => Effect.Effect<readonly Answer[]>;
    readonly save: (a: Answer) => Effect.Effect<void>;
    readonly addLikes: (id: AnswerId, delta: number) => Effect.Effect<void>;
    /** Accepted, non-deleted answers by the user on questions in any of these regions. */
    readonly countAcceptedInRegions: (authorId: UserId, regionCodes: readonly string[]) => Effect.Effect<number>;
  }
>()("dongne/AnswerRepository") {}
