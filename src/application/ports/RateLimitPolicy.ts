import { Context } from "effect";
import type { LimitBudget, LimitName } from "./RateLimiter.js";

/** The budgets the rate limiter enforces (RATE_LIMIT_* variables), and the switch for all of them (RATE_LIMITS=off). */
export interface RateLimitPolicyShape {
  readonly enabled: boolean;
  readonly budgets: Readonly<Record<LimitName, LimitBudget>>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The documented defaults (README, *Abuse limits*). */
export const DEFAULT_RATE_LIMITS: RateLimitPolicyShape = {
  enabled: true,
  budgets: {
    loginPerAccount: { points: 10, windowMs: 15 * MINUTE },
    loginPerAddress: { points: 100, windowMs: HOUR },
    registerPerAccount: { points: 5, windowMs: HOUR },
    // A hotel or a household shares one address: never below 20 an hour.
    registerPerAddress: { points: 20, windowMs: HOUR },
    // Stack Exchange-like new-user limits: 3 questions a day, an answer a minute; the same text once per 5 minutes.
    newUserQuestions: { points: 3, windowMs: 24 * HOUR },
    newUserAnswers: { points: 1, windowMs: MINUTE },
    repost: { points: 1, windowMs: 5 * MINUTE },
  },
};

export const RateLimitPolicy = Context.Reference<RateLimitPolicyShape>("dongne/RateLimitPolicy", {
  defaultValue: () => DEFAULT_RATE_LIMITS,
});
