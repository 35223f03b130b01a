import { Context, type Effect } from "effect";

export class PasswordHasher extends Context.Service<
  PasswordHasher,
  {
    readonly hash: (password: string) => Effect.Effect<string>;
    /** With no hash (unknown user) it spends the same time and answers false, so timing reveals nothing. */
    readonly verify: (hash: string | undefined, password: string) => Effect.Effect<boolean>;
  }
>()("dongne/PasswordHasher") {}
