import { Context, type Effect } from "effect";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";

/** Who looked: the signed-in user, else an opaque key of the anonymous client (or nothing known). */
export interface Viewer {
  readonly userId: UserId | null;
  /** Repeat views with the same key within the window count once; null: every view counts. */
  readonly key: string | null;
}

/** Counts question views; an adapter buffers them and writes them back to the question store in batches. */
export class ViewCounter extends Context.Service<
  ViewCounter,
  {
    /**
     * Counts one view of `id` by `viewer` unless it is the author's or a repeat within the window.
     * Returns the views of `id` not yet written to the question store (this one included), so a reader
     * can show the stored count plus them. `stored`, the count the reader read from the store, lets a
     * write-back that ran meanwhile be counted exactly once (without it, a count shown around a write-back
     * may be off by its batch for a moment).
     */
    readonly record: (id: QuestionId, viewer: Viewer, authorId: UserId, stored?: number) => Effect.Effect<number>;
    /**
     * Counts a view as `record` does, without reading the count back and without waiting: for a reader shown a
     * cached page's count. The view is queued in this process and counted within milliseconds (`record` and
     * `flush` already see it); a crash loses the queue with the unflushed window.
     */
    readonly note: (id: QuestionId, viewer: Viewer, authorId: UserId) => void;
    /** Writes every buffered view back to the question store (shutdown; tests). */
    readonly flush: Effect.Effect<void>;
  }
>()("dongne/ViewCounter") {}
