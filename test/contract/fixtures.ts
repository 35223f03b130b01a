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
