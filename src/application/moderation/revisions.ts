import { Effect } from "effect";
import type { Answer } from "../../domain/answer/answer.js";
import type { PostTarget } from "../../domain/moderation/moderation.js";
import type { Question } from "../../domain/question/question.js";
import type { UserId } from "../../domain/shared/ids.js";
import { type Revision, RevisionRepository } from "../ports/RevisionRepository.js";

const questionText = (q: Question) => ({ title: q.title, content: q.content, hashtags: q.hashtags, regionCode: q.regionCode });
const answerText = (a: Answer) => ({ title: null, content: a.content, hashtags: [] as readonly string[], regionCode: null });

/** A never-edited post's history: its text as posted is revision 1 (stored on the first edit). */
export const firstRevision = (target: PostTarget, post: Question | Answer): Revision => ({
  target,
  revision: 1,
  editorId: post.authorId,
  ...("title" in post ? questionText(post) : answerText(post)),
  createdAt: post.createdAt,
});

/**
 * Appends the edit as the next revision, inside the edit's unit of work (the post's row is locked, so numbers
 * do not race). The first edit stores revision 1 (the text as posted) as well.
 */
export const appendRevision = Effect.fn("appendRevision")(function* (
  target: PostTarget,
  before: Question | Answer,
  after: Question | Answer,
  editorId: UserId,
  at: Date,
) {
  const revisions = yield* RevisionRepository;
  let latest = yield* revisions.latest(target);
  if (latest === 0) {
    yield* revisions.append(firstRevision(target, before));
    latest = 1;
  }
  yield* revisions.append({
    target,
    revision: latest + 1,
    editorId,
    ...("title" in after ? questionText(after) : answerText(after)),
    createdAt: at,
  });
});

/** A post's revisions, oldest first; a never-edited post has one, its text as posted. */
export const revisionsOf = Effect.fn("revisionsOf")(function* (target: PostTarget, post: Question | Answer) {
  const stored = yield* (yield* RevisionRepository).list(target);
  return stored.length > 0 ? stored : [firstRevision(target, post)];
});
