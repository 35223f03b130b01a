import { Context, type Effect } from "effect";
import type { Question } from "../../domain/question/question.js";
import type { QuestionId } from "../../domain/shared/ids.js";

/** What the engine stores for a question, beyond the question itself. */
export interface IndexedQuestion {
  readonly question: Question;
  readonly authorNickname: string;
  readonly authorIsLocal: boolean;
  readonly authorVerificationLevel: number;
  /** The region and its ancestors, for region filters and region-scoped suggestions. */
  readonly regionPath: readonly string[];
}

/** The write side of the search engine. Fails with SearchUnavailable when the engine cannot be reached. */
export class SearchDocuments extends Context.Service<
  SearchDocuments,
  {
    readonly upsert: (docs: readonly IndexedQuestion[]) => Effect.Effect<void, SearchUnavailable>;
    readonly remove: (ids: readonly QuestionId[]) => Effect.Effect<void, SearchUnavailable>;
  }
>()("dongne/SearchDocuments") {}

export type SearchUnavailable = { readonly _tag: "SearchUnavailable"; readonly reason: string };
