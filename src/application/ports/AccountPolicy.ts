import { Context } from "effect";
import { DEFAULT_SESSION_LIFETIMES, type SessionLifetimes } from "../../domain/user/session.js";

/** The account rules the operator configures (src/app/config.ts); the documented defaults otherwise. */
export interface AccountPolicyShape {
  readonly sessions: SessionLifetimes;
}

export const AccountPolicy = Context.Reference<AccountPolicyShape>("dongne/AccountPolicy", {
  defaultValue: () => ({ sessions: DEFAULT_SESSION_LIFETIMES }),
});
