import { err, ok, type Result } from "neverthrow";
import { MAX_IMAGES, type Question, type QuestionNotFound, type TooManyImages } from "../question/question.js";
import type { AnswerId, QuestionId, UserId } from "../shared/ids.js";
import { charLength, cleanText } from "../shared/text.js";

export const ANSWER_LENGTH = { min: 10, max: 1000 } as const;

export interface Answer {
  readonly id: AnswerId;
  readonly questionId: QuestionId;
  readonly authorId: UserId;
  readonly content: string;
  readonly images: readonly string[];
  readonly likeCount: number;
  /** In [0, 1]; 0 until a quality model scores it. */
  readonly qualityScore: number;
  readonly isAccepted: boolean;
  readonly acceptedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly deletedAt: Date | null;
  /** Set while the answer is hidden pending a moderator's review (enough flags); null otherwise. */
  readonly hiddenAt: Date | null;
}

export type AnswerContentLength = { readonly _tag: "AnswerContentLength"; readonly actual: number };
export type QuestionNotAnswerable = { readonly _tag: "QuestionNotAnswerable"; readonly status: Question["status"] };
export type AnswerError = AnswerContentLength | QuestionNotAnswerable | QuestionNotFound | TooManyImages;

export interface AnswerInput {
  readonly id: AnswerId;
  readonly authorId: UserId;
  readonly content: string;
  readonly images?: readonly string[];
}

/**
 * Whether an answer counts as a contribution (points, the answer count behind badges): answering
 * one's own question does not, or anyone could farm points and the 첫 답변 badge.
 */
export const isContribution = (question: Pick<Question, "authorId">, answererId: string): boolean => question.authorId !== answererId;

/** Answers are welcome while a question is open or answered (a better answer may still come). */
export const writeAnswer = (question: Question, input: AnswerInput, now: Date): Result<Answer, AnswerError> => {
  if (question.deletedAt !== null) return err({ _tag: "QuestionNotFound" });
  if (question.status !== "open" && question.status !== "answered") return err({ _tag: "QuestionNotAnswerable", status: question.status });
  const content = cleanText(input.content);
  const length = charLength(content);
  if (length < ANSWER_LENGTH.min || length > ANSWER_LENGTH.max) return err({ _tag: "AnswerContentLength", actual: length });
  const images = input.images ?? [];
  if (images.length > MAX_IMAGES) return err({ _tag: "TooManyImages", max: MAX_IMAGES, actual: images.length });
  return ok({
    id: input.id,
    questionId: question.id,
    authorId: input.authorId,
    content,
    images: [...images],
    likeCount: 0,
    qualityScore: 0,
    isAccepted: false,
    acceptedAt: null,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    hiddenAt: null,
  });
};
