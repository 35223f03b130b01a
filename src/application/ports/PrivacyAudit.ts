import { Context, type Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";

export interface PersonalDataRead {
  readonly adminId: UserId;
  readonly subjectUserId: UserId;
  /** What was read (a procedure or a section: "admin.userData"). */
  readonly what: string;
  readonly at: Date;
}

/** That an account was deleted and what stayed, with nothing that says whose it was. */
export interface AccountDeletion {
  readonly at: Date;
  readonly questionsKept: number;
  readonly answersKept: number;
  readonly ledgerRowsKept: number;
  readonly imagesRemoved: number;
}

/** Where a person's data was read or written in a window (the breach report's sources). */
export type TouchSource = "admin_read" | "location_use" | "session";

export interface TouchedPerson {
  readonly userId: UserId;
  readonly sources: readonly TouchSource[];
}

/** Audit trails kept for a breach inquiry (개인정보 보호법 제34조: who was affected, by what, when). */
export class PrivacyAudit extends Context.Service<
  PrivacyAudit,
  {
    readonly recordRead: (read: PersonalDataRead) => Effect.Effect<void>;
    readonly readsOf: (subjectUserId: UserId) => Effect.Effect<readonly PersonalDataRead[]>;
    readonly recordDeletion: (deletion: AccountDeletion) => Effect.Effect<void>;
    readonly deletionsBetween: (from: Date, to: Date) => Effect.Effect<readonly AccountDeletion[]>;
    /**
     * People whose data was read or written in [from, to): administrators' reads, location uses, and
     * sessions active in the window (a session's requests read and write its person's data). Ordered by id.
     */
    readonly touchedBetween: (from: Date, to: Date) => Effect.Effect<readonly TouchedPerson[]>;
  }
>()("dongne/PrivacyAudit") {}
