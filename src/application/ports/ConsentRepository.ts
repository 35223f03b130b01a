import { Context, type Effect } from "effect";
import type { ConsentDecision } from "../../domain/privacy/consent.js";
import type { UserId } from "../../domain/shared/ids.js";

/** Every consent decision a person made (versioned, timestamped); the newest of a kind is the current state. */
export class ConsentRepository extends Context.Service<
  ConsentRepository,
  {
    readonly record: (decisions: readonly ConsentDecision[]) => Effect.Effect<void>;
    /** The person's decisions, newest first. */
    readonly historyOf: (userId: UserId) => Effect.Effect<readonly ConsentDecision[]>;
    /** Destroys them (an account's deletion); how many. */
    readonly eraseFor: (userId: UserId) => Effect.Effect<number>;
  }
>()("dongne/ConsentRepository") {}
