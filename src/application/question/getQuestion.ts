import { Effect } from "effect";
import type { QuestionId } from "../../domain/shared/ids.js";
import { UserId } from "../../domain/shared/ids.js";
import { canModerate } from "../../domain/user/role.js";
import { actorOf } from "../moderation/actor.js";
import { QuestionPages } from "../ports/QuestionPages.js";
import { ViewCounter } from "../ports/ViewCounter.js";
import { countView } from "./countView.js";

/**
 * A question with its answers (accepted, most liked, oldest first) and their authors, read in one go. A
 * read counts as a view (not the author's own, a repeat by the same viewer within the counter's window
 * once); the count shown includes the views still buffered. `count` false builds a page for a cache,
 * whose every reader is counted by countView. Untraced: it is the hottest read (the transport's span covers it).
 */
export const getQuestion = Effect.fnUntraced(function* (
  id: QuestionId,
  viewerId: UserId | null,
  viewerKey: string | null = null,
  count = true,
) {
  const page = yield* (yield* QuestionPages).find(id);
  // Moderators read hidden posts (the review queue links to them); the role is looked up only when it matters.
  const moderator = Effect.suspend(() =>
    viewerId === null ? Effect.succeed(false) : Effect.map(actorOf(viewerId), (a) => canModerate(a.role)),
  );
  // isVisibleTo's rule (deleted pages are never read; a hidden question only by its author), and moderators.
  if (!page || (page.question.status === "hidden" && page.question.authorId !== viewerId && !(yield* moderator)))
    return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
  const authorId = UserId(page.question.authorId);
  const pending = count
    ? yield* countView(id, viewerId, viewerKey, authorId, page.question.viewCount)
    : // The buffered views without counting one: the author's own look never counts.
      yield* (yield* ViewCounter).record(id, { userId: authorId, key: null }, authorId, page.question.viewCount);
  // An answer hidden pending review shows only to its author and moderators.
  const seesHidden = page.answers.some((a) => a.hiddenAt !== null && a.authorId !== viewerId) && (yield* moderator);
  const answers = page.answers.filter((a) => a.hiddenAt === null || a.authorId === viewerId || seesHidden);
  // `withheld`: answers this viewer may not see; a page built for everyone (viewer null) that withheld some
  // must not be shown to signed-in readers, who may be their authors or moderators.
  return {
    ...page,
    answers,
    withheld: page.answers.length - answers.length,
    question: { ...page.question, viewCount: page.question.viewCount + pending },
  };
});
