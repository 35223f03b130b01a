import { Context, type Effect } from "effect";
import type { Answer } from "../../domain/answer/answer.js";
import type { Question } from "../../domain/question/question.js";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";

export interface ErasedTraces {
  /** The person's questions and the questions of their answers (their pages and documents show the author). */
  readonly questionIds: readonly QuestionId[];
  readonly answeredQuestionIds: readonly QuestionId[];
  readonly answers: number;
  /** Ledger entries kept (append-only, pseudonymised by the account's row). */
  readonly ledgerRows: number;
}

/** A person's data across tables that no single repository owns, for export, location withdrawal and erasure. */
export class PersonalData extends Context.Service<
  PersonalData,
  {
    /** Everything the person wrote, listed or not. */
    readonly contentOf: (userId: UserId) => Effect.Effect<{ readonly questions: readonly Question[]; readonly answers: readonly Answer[] }>;
    /** Drops the coordinates and place description of the person's questions; the questions changed. */
    readonly clearLocations: (userId: UserId) => Effect.Effect<readonly QuestionId[]>;
    /**
     * Inside the deletion's unit of work: deletes the person's notifications, badges and stored idempotent
     * answers, clears their questions' coordinates, scrubs the recorded events (kept 7 days for inspection)
     * of their nickname (`replacementNickname` in its place) and their notifications, and says what stays.
     */
    readonly eraseTraces: (userId: UserId, replacementNickname: string) => Effect.Effect<ErasedTraces>;
    /** Retention: notifications created and raw hashtag uses (trending's input) recorded before the bounds; how many. */
    readonly purgeExpired: (bounds: { readonly notificationsBefore: Date; readonly hashtagUsesBefore: Date }) => Effect.Effect<{
      readonly notifications: number;
      readonly hashtagUses: number;
    }>;
  }
>()("dongne/PersonalData") {}
