import { Context, type Effect } from "effect";
import type { UserId } from "../../domain/shared/ids.js";
import type { User } from "../../domain/user/user.js";

export type EmailTaken = { readonly _tag: "EmailTaken" };

export interface CounterDelta {
  readonly questions?: number;
  readonly answers?: number;
  readonly accepted?: number;
}

export class UserRepository extends Context.Service<
  UserRepository,
  {
    /** Fails with EmailTaken when a non-deleted user has the same (normalized) email. */
    readonly insert: (user: User) => Effect.Effect<void, EmailTaken>;
    readonly findById: (id: UserId) => Effect.Effect<User | undefined>;
    readonly findByIds: (ids: readonly UserId[]) => Effect.Effect<readonly User[]>;
    readonly findByEmail: (email: string) => Effect.Effect<User | undefined>;
    /** Profile and verification fields; balances and counters have their own atomic writes. */
    readonly saveProfile: (user: User) => Effect.Effect<void>;
    /**
     * Locks the user's row for the rest of the unit of work and returns it; undefined for a deleted or
     * unknown user. A unit that writes a user's account or counters locks it first, so concurrent
     * units of one user queue here instead of deadlocking later.
     */
    readonly findForUpdate: (id: UserId) => Effect.Effect<User | undefined>;
    /** Adds to the counters and returns the user as now, its row locked like findForUpdate; undefined for a deleted or unknown user. */
    readonly addToCounters: (id: UserId, delta: CounterDelta) => Effect.Effect<User | undefined>;
    readonly touch: (id: UserId, at: Date) => Effect.Effect<void>;
  }
>()("dongne/UserRepository") {}
