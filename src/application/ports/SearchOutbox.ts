import { Context, type Effect } from "effect";
import type { QuestionId } from "../../domain/shared/ids.js";

/** A question whose search document must be refreshed; `version` guards against losing a newer change. */
export interface OutboxEntry {
  readonly questionId: QuestionId;
  readonly version: number;
}

/**
 * Changes waiting for the search engine. The store writes an entry in the same transaction as the
 * change itself, so nothing committed can be missed; an entry goes only once its version is synced.
 */
export class SearchOutbox extends Context.Service<
  SearchOutbox,
  {
    readonly take: (limit: number) => Effect.Effect<readonly OutboxEntry[]>;
    /** Removes entries whose version is unchanged; a newer change keeps its entry. */
    readonly complete: (entries: readonly OutboxEntry[]) => Effect.Effect<void>;
    readonly pending: Effect.Effect<number>;
    /** Every listed question, for a rebuild. */
    readonly enqueueAll: Effect.Effect<number>;
  }
>()("dongne/SearchOutbox") {}
