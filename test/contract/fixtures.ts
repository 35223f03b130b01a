import { Effect } from "effect";
import { Events, questionWritten } from "../../src/application/ports/Events.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import type { Answer } from "../../src/domain/answer/answer.js";
import type { Question } from "../../src/domain/question/question.js";
import { AnswerId, QuestionId, UserId } from "../../src/domain/shared/ids.js";
import { newUser, type User } from "../../src/domain/user/user.js";
import { anAnswer, aQuestion, T0 } from "../support/builders.js";

/** Ids are UUIDs, as every real adapter will store them. */
export const uuid = (n: number, kind = 0) => `00000000-0000-4000-8${kind}00-${String(n).padStart(12, "0")}`;

export const userN = (n: number, over: Partial<User> = {}): User => ({
  ...newUser(UserId(uuid(n, 1)), { email: `user${n}@example.kr`, nickname: `이웃${n}`, regionCode: "KR-49-01-02" }, "hash", T0),
  ...over,
});

export const questionN = (n: number, author: User, over: Partial<Question> = {}): Question =>
  aQuestion({
    id: QuestionId(uuid(n, 2)),
    authorId: author.id,
    title: `애월 질문 ${n}번 입니다 알려주세요`,
    createdAt: new Date(T0.getTime() + n * 60_000),
    ...over,
  });

export const answerN = (n: number, question: Question, author: User, over: Partial<Answer> = {}): Answer =>
  anAnswer({
    id: AnswerId(uuid(n, 3)),
    questionId: question.id,
    authorId: author.id,
    createdAt: new Date(T0.getTime() + n * 60_000),
    ...over,
  });

/**
 * Stores questions as a use case would: their rows and, in the same unit of work, the events that carry
 * their text (the search projections follow those events).
 */
export const storeQuestions = (questions: readonly Question[], authorOf: (q: Question) => { readonly nickname: string }) =>
  UnitOfWork.use((u) =>
    u.transact(
      Effect.gen(function* () {
        yield* QuestionRepository.use((r) => Effect.forEach(questions, (q) => r.insert(q)));
        yield* Events.use((e) => e.record(questions.map((q) => questionWritten(q, authorOf(q).nickname))));
      }),
    ),
  );
