import { Context, type Effect } from "effect";
import type { QuestionId, UserId } from "../../domain/shared/ids.js";

/** Who was told of which urgent question (each local once per question), for rings and daily caps. */
export class EscalationRepository extends Context.Service<
  EscalationRepository,
  {
    /** Verified locals (not deleted) whose home region is one of `regionCodes`, except `exclude`; at most `limit`. */
    readonly localsIn: (regionCodes: readonly string[], exclude: UserId, limit: number) => Effect.Effect<readonly UserId[]>;
    /** The locals already told of the question. */
    readonly notifiedOf: (questionId: QuestionId) => Effect.Effect<ReadonlySet<string>>;
    /** Escalation notices each of `userIds` got since `since`. */
    readonly countsSince: (userIds: readonly UserId[], since: Date) => Effect.Effect<ReadonlyMap<string, number>>;
    /** Records the locals told in `ring`; returns those not already recorded (the ones to notify). */
    readonly record: (questionId: QuestionId, userIds: readonly UserId[], ring: number, at: Date) => Effect.Effect<readonly UserId[]>;
    readonly notifiedCount: (questionId: QuestionId) => Effect.Effect<number>;
  }
>()("dongne/EscalationRepository") {}
