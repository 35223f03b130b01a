import { Context } from "effect";

/** A well-known list of common passwords (lower case); a new password found in it is refused. */
export class CommonPasswords extends Context.Service<CommonPasswords, { readonly has: (candidate: string) => boolean }>()(
  "dongne/CommonPasswords",
) {}
