import { Context, type Effect } from "effect";
import type { Category } from "../../domain/question/category.js";
import type { QuestionSort, SortKey } from "../../domain/question/ordering.js";
import type { Question, QuestionStatus } from "../../domain/question/question.js";
import type { LatLng } from "../../domain/shared/geo.js";
import type { AnswerId, QuestionId, UserId } from "../../domain/shared/ids.js";

export interface QuestionQuery {
  /** Any of these regions (the caller expands a region to its sub-regions). */
  readonly regionCodes?: readonly string[];
  readonly category?: Category;
  readonly statuses?: readonly Exclude<QuestionStatus, "hidden">[];
  readonly authorId?: UserId;
  readonly sort: QuestionSort;
  /** Keyset cursor: only questions whose sort key comes strictly after this one. */
  readonly after?: SortKey;
  readonly limit: number;
}

export interface NearbyQuery {
  readonly center: LatLng;
  readonly radiusKm: number;
  readonly limit: number;
}

/** Listing and nearby return only listed questions (not hidden, not deleted). */
export class QuestionRepository extends Context.Service<
  QuestionRepository,
  {
    readonly insert: (q: Question) => Effect.Effect<void>;
    readonly findById: (id: QuestionId) => Effect.Effect<Question | undefined>;
    /** Many at once, in no particular order; unknown ids are skipped. */
    readonly findByIds: (ids: readonly QuestionId[]) => Effect.Effect<readonly Question[]>;
    /** As findById, and inside a unit of work the row stays locked until it ends (serializes acceptance). */
    readonly findForUpdate: (id: QuestionId) => Effect.Effect<Question | undefined>;
    /** The question an answer belongs to, locked as by findForUpdate (an acceptance locks the question before reading the answer). */
    readonly findForUpdateByAnswer: (answerId: AnswerId) => Effect.Effect<Question | undefined>;
    /** Status, acceptance and editable fields; counters have their own atomic writes. */
    readonly save: (q: Question) => Effect.Effect<void>;
    readonly list: (query: QuestionQuery) => Effect.Effect<readonly Question[]>;
    readonly nearby: (query: NearbyQuery) => Effect.Effect<readonly { readonly question: Question; readonly distanceKm: number }[]>;
    /** Moves the counters atomically; the view count after the move (undefined: no such question). */
    readonly addToCounters: (
      id: QuestionId,
      delta: { readonly views?: number; readonly answers?: number; readonly likes?: number },
    ) => Effect.Effect<number | undefined>;
    /**
     * Adds views to many questions at once, atomically (all or none), as addToCounters would one by one: the view
     * count each was left with, by id (unknown ids are absent). A batched write-back's one round of statements.
     */
    readonly addViews: (views: ReadonlyMap<QuestionId, number>) => Effect.Effect<ReadonlyMap<QuestionId, number>>;
  }
>()("dongne/QuestionRepository") {}
