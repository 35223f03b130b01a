import { Effect } from "effect";
import { SessionStore } from "../ports/SessionStore.js";

export const logout = Effect.fn("logout")(function* (token: string) {
  yield* (yield* SessionStore).revoke({ _tag: "Token", token });
  return { ok: true as const };
});
