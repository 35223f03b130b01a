import { err, ok, type Result } from "neverthrow";
import type { RegionCatalog } from "../region/region.js";
import type { Actor } from "../user/role.js";
import { canModerate } from "../user/role.js";
import { type AskError, type AskInput, askQuestion, type NotQuestionAuthor, type Question, type QuestionNotFound } from "./question.js";

/**
 * What an author may change: the text, tags, region, category, urgency and place; a field left out keeps its
 * value. Images stay as posted.
 */
export type QuestionEdit = Partial<Omit<AskInput, "id" | "authorId" | "images">>;

/** A question that has answers keeps its region: the answers were written for that place. */
export type QuestionRegionLocked = { readonly _tag: "QuestionRegionLocked"; readonly regionCode: string };
/** A question with an accepted answer is part of someone else's record (their points): only a moderator removes it. */
export type QuestionHasAcceptedAnswer = { readonly _tag: "QuestionHasAcceptedAnswer" };

export type EditQuestionError = AskError | NotQuestionAuthor | QuestionNotFound | QuestionRegionLocked;

/**
 * The author's edit, validated exactly as an ask is (the same lengths, tags, region and place rules). The
 * status, counters, acceptance and images are the question's own; only the author edits (a moderator
 * hides or deletes instead).
 */
export const editQuestion = (
  q: Question,
  actorId: string,
  edit: QuestionEdit,
  catalog: RegionCatalog,
  now: Date,
): Result<Question, EditQuestionError> => {
  if (q.deletedAt !== null) return err({ _tag: "QuestionNotFound" });
  if (q.authorId !== actorId) return err({ _tag: "NotQuestionAuthor" });
  const merged: AskInput = {
    id: q.id,
    authorId: q.authorId,
    images: q.images,
    title: edit.title ?? q.title,
    content: edit.content ?? q.content,
    hashtags: edit.hashtags ?? q.hashtags,
    // A new place without a region takes the place's region; otherwise the region stays.
    regionCode: edit.regionCode ?? (edit.location ? undefined : q.regionCode),
    category: edit.category ?? q.category,
    urgency: edit.urgency ?? q.urgency,
    location:
      edit.location ??
      (q.location
        ? {
            ...q.location,
            ...(q.locationDescription === null ? {} : { description: q.locationDescription }),
            publicPlace: q.locationIsPublic,
          }
        : undefined),
  };
  return askQuestion(merged, catalog, now).andThen((checked): Result<Question, EditQuestionError> => {
    if (q.answerCount > 0 && checked.regionCode !== q.regionCode) return err({ _tag: "QuestionRegionLocked", regionCode: q.regionCode });
    return ok({
      ...q,
      title: checked.title,
      content: checked.content,
      hashtags: checked.hashtags,
      regionCode: checked.regionCode,
      category: checked.category,
      urgency: checked.urgency,
      location: checked.location,
      locationDescription: checked.locationDescription,
      // A new place brings its own public-place mark; an unchanged one keeps the asker's choice.
      locationIsPublic: edit.location ? checked.locationIsPublic : q.locationIsPublic,
      updatedAt: now,
    });
  });
};

/** Soft deletion by the author, or by a moderator whatever the question's state. */
export const deleteQuestion = (
  q: Question,
  actor: Actor,
  now: Date,
): Result<Question, NotQuestionAuthor | QuestionNotFound | QuestionHasAcceptedAnswer> => {
  if (q.deletedAt !== null) return err({ _tag: "QuestionNotFound" });
  const moderator = canModerate(actor.role);
  if (q.authorId !== actor.id && !moderator) return err({ _tag: "NotQuestionAuthor" });
  if (q.acceptedAnswerId !== null && !moderator) return err({ _tag: "QuestionHasAcceptedAnswer" });
  return ok({ ...q, deletedAt: now, updatedAt: now });
};
