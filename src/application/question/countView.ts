import { Effect } from "effect";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { ViewCounter, type Viewer } from "../ports/ViewCounter.js";

/** The viewer a reader is counted as: the signed-in user by their account, else the anonymous client's key. */
export const viewerOf = (viewerId: UserId | null, viewerKey: string | null): Viewer => ({
  userId: viewerId,
  key: viewerId ? `u:${viewerId}` : viewerKey ? `a:${viewerKey}` : null,
});

/**
 * One view of a question by the signed-in user or an anonymous client (by its opaque key): not the
 * author's, a repeat within the counter's window once. The views not yet stored, this one included
 * (`stored`: the count the reader read, see ViewCounter.record).
 */
export const countView = Effect.fnUntraced(function* (
  id: QuestionId,
  viewerId: UserId | null,
  viewerKey: string | null,
  authorId: UserId,
  stored?: number,
) {
  return yield* (yield* ViewCounter).record(id, viewerOf(viewerId, viewerKey), authorId, stored);
});
