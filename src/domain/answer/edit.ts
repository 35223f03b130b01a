import { err, ok, type Result } from "neverthrow";
import { charLength, cleanText } from "../shared/text.js";
import { type Actor, canModerate } from "../user/role.js";
import type { AnswerNotFound } from "./acceptance.js";
import { ANSWER_LENGTH, type Answer, type AnswerContentLength } from "./answer.js";

export type NotAnswerAuthor = { readonly _tag: "NotAnswerAuthor" };
/** An accepted answer carries the asker's choice and the answerer's points: only a moderator removes it. */
export type AcceptedAnswerUndeletable = { readonly _tag: "AcceptedAnswerUndeletable" };

export type EditAnswerError = AnswerNotFound | NotAnswerAuthor | AnswerContentLength;

/** The author rewrites the text (same length rule as posting). An accepted answer may be edited; the use case logs that. */
export const editAnswer = (a: Answer, actorId: string, content: string, now: Date): Result<Answer, EditAnswerError> => {
  if (a.deletedAt !== null) return err({ _tag: "AnswerNotFound" });
  if (a.authorId !== actorId) return err({ _tag: "NotAnswerAuthor" });
  const text = cleanText(content);
  const length = charLength(text);
  if (length < ANSWER_LENGTH.min || length > ANSWER_LENGTH.max) return err({ _tag: "AnswerContentLength", actual: length });
  return ok({ ...a, content: text, updatedAt: now });
};

/** Soft deletion by the author (not an accepted answer), or by a moderator. */
export const deleteAnswer = (
  a: Answer,
  actor: Actor,
  now: Date,
): Result<Answer, AnswerNotFound | NotAnswerAuthor | AcceptedAnswerUndeletable> => {
  if (a.deletedAt !== null) return err({ _tag: "AnswerNotFound" });
  const moderator = canModerate(actor.role);
  if (a.authorId !== actor.id && !moderator) return err({ _tag: "NotAnswerAuthor" });
  if (a.isAccepted && !moderator) return err({ _tag: "AcceptedAnswerUndeletable" });
  return ok({ ...a, deletedAt: now, updatedAt: now });
};
