import { Context, type Effect } from "effect";
import type { QuestionId } from "../../domain/shared/ids.js";

/** Counts question views; an adapter may buffer them and write back in batches. */
export class ViewCounter extends Context.Service<ViewCounter, { readonly record: (id: QuestionId) => Effect.Effect<void> }>()(
  "dongne/ViewCounter",
) {}
