import { Effect } from "effect";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";
import { ViewCounter } from "../ports/ViewCounter.js";
import { viewerOf } from "./countView.js";

/** A view counted as countView counts it, for a reader shown a cached page (whose count it already carries). */
export const noteView = Effect.fnUntraced(function* (id: QuestionId, viewerId: UserId | null, viewerKey: string | null, authorId: UserId) {
  (yield* ViewCounter).note(id, viewerOf(viewerId, viewerKey), authorId);
});
