import { Effect, Layer } from "effect";
import { SessionStore } from "../../application/ports/SessionStore.js";
import { newSessionToken, sessionTokenDigest as tokenDigest } from "../crypto/sessionTokens.js";
import { InMemoryStore } from "./InMemoryStore.js";

/** Tokens are 256 random bits; only their SHA-256 is kept, so a leaked store leaks no usable token. */
export const InMemorySessionStore = Layer.effect(
  SessionStore,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const t = () => store.tables;
    return {
      create: (userId, expiresAt) =>
        Effect.sync(() => {
          const token = newSessionToken();
          t().sessions.set(tokenDigest(token), { token: "", userId, expiresAt });
          return { token, userId, expiresAt };
        }),
      resolve: (token, now) =>
        Effect.sync(() => {
          const s = t().sessions.get(tokenDigest(token));
          // A deleted account's sessions end with it.
          const live = s && t().users.get(s.userId)?.deletedAt === null;
          return s && live && s.expiresAt.getTime() > now.getTime() ? s.userId : undefined;
        }),
      revoke: (token) => Effect.sync(() => void t().sessions.delete(tokenDigest(token))),
      revokeAllFor: (userId) =>
        Effect.sync(() => {
          for (const [k, s] of t().sessions) if (s.userId === userId) t().sessions.delete(k);
        }),
    };
  }),
);
