import { Effect } from "effect";
import type { QuestionId } from "../../domain/shared/ids.js";
import { UserId } from "../../domain/shared/ids.js";
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
  // isVisibleTo's rule: deleted pages are never read, a hidden question only by its author.
  if (!page || (page.question.status === "hidden" && page.question.authorId !== viewerId))
    return yield* Effect.fail({ _tag: "QuestionNotFound" as const });
  const authorId = UserId(page.question.authorId);
  const pending = count
    ? yield* countView(id, viewerId, viewerKey, authorId)
    : // The buffered views without counting one: the author's own look never counts.
      yield* (yield* ViewCounter).record(id, { userId: authorId, key: null }, authorId);
  return { ...page, question: { ...page.question, viewCount: page.question.viewCount + pending } };
});
