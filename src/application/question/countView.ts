import { Effect } from "effect";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { ViewCounter } from "../ports/ViewCounter.js";

/**
 * One view of a question by the signed-in user or an anonymous client (by its opaque key): not the
 * author's, a repeat within the counter's window once. The views not yet stored, this one included.
 */
export const countView = Effect.fnUntraced(function* (
  id: QuestionId,
  viewerId: UserId | null,
  viewerKey: string | null,
  authorId: UserId,
  stored?: number,
) {
  return yield* (yield* ViewCounter).record(
    id,
    { userId: viewerId, key: viewerId ? `u:${viewerId}` : viewerKey ? `a:${viewerKey}` : null },
    authorId,
    stored,
  );
});
