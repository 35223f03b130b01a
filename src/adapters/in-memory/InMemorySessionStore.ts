import { Effect, Layer } from "effect";
import { type Session, SessionStore } from "../../application/ports/SessionStore.js";
import { newSessionToken, sessionTokenDigest as tokenDigest } from "../crypto/sessionTokens.js";
import { InMemoryStore, mapTable } from "./InMemoryStore.js";
import { USERS } from "./sharedTables.js";

/** Sessions by their token's digest. */
const SESSIONS = mapTable<string, Session>();

/** Tokens are 256 random bits; only their SHA-256 is kept, so a leaked store leaks no usable token. */
export const InMemorySessionStore = Layer.effect(
  SessionStore,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const sessions = () => store.get(SESSIONS);
    const find = (token: string, now: Date) =>
      Effect.sync(() => {
        const s = sessions().get(tokenDigest(token));
        // A deleted account's sessions end with it.
        const live = s && store.get(USERS).get(s.userId)?.deletedAt === null;
        return s && live && s.expiresAt.getTime() > now.getTime() ? { userId: s.userId, expiresAt: s.expiresAt } : undefined;
      });
    return {
      create: (userId, expiresAt) =>
        Effect.sync(() => {
          const token = newSessionToken();
          sessions().set(tokenDigest(token), { token: "", userId, expiresAt });
          return { token, userId, expiresAt };
        }),
      resolve: (token, now) => Effect.map(find(token, now), (s) => s?.userId),
      find,
      revoke: (token) => Effect.sync(() => void sessions().delete(tokenDigest(token))),
      revokeAllFor: (userId) =>
        Effect.sync(() => {
          for (const [k, s] of sessions()) if (s.userId === userId) sessions().delete(k);
        }),
    };
  }),
);
