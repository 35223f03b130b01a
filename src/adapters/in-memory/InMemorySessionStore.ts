import { randomUUID } from "node:crypto";
import { Effect, Layer } from "effect";
import { type SessionRecord, SessionStore } from "../../application/ports/SessionStore.js";
import { newSessionToken, sessionTokenDigest as tokenDigest } from "../crypto/sessionTokens.js";
import { InMemoryStore, mapTable } from "./InMemoryStore.js";
import { USERS } from "./sharedTables.js";

/** Sessions by their token's digest. */
export const SESSIONS = mapTable<string, SessionRecord>();

/** Tokens are 256 random bits; only their SHA-256 is kept, so a leaked store leaks no usable token. */
export const InMemorySessionStore = Layer.effect(
  SessionStore,
  Effect.gen(function* () {
    const store = yield* InMemoryStore;
    const sessions = () => store.get(SESSIONS);
    const removeWhere = (pick: (s: SessionRecord, digest: string) => boolean) =>
      Effect.sync(() => {
        const ids: string[] = [];
        for (const [k, s] of sessions())
          if (pick(s, k)) {
            sessions().delete(k);
            ids.push(s.id);
          }
        return ids;
      });
    return {
      create: (s) =>
        Effect.sync(() => {
          const token = newSessionToken();
          const record: SessionRecord = { id: randomUUID(), lastSeenAt: s.createdAt, ...s };
          sessions().set(tokenDigest(token), record);
          return { ...record, token };
        }),
      resolve: (token) =>
        Effect.sync(() => {
          const s = sessions().get(tokenDigest(token));
          // A deleted account's sessions end with it.
          return s && store.get(USERS).get(s.userId)?.deletedAt === null ? s : undefined;
        }),
      touch: (sessionId, at) =>
        Effect.sync(() => {
          for (const [k, s] of sessions())
            if (s.id === sessionId && s.lastSeenAt.getTime() < at.getTime()) sessions().set(k, { ...s, lastSeenAt: at });
        }),
      listFor: (userId) =>
        Effect.sync(() =>
          [...sessions().values()]
            .filter((s) => s.userId === userId)
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? -1 : 1)),
        ),
      revoke: (which) => {
        switch (which._tag) {
          case "Token": {
            const digest = tokenDigest(which.token);
            return removeWhere((_, k) => k === digest);
          }
          case "Session":
            return removeWhere((s) => s.id === which.sessionId && s.userId === which.userId);
          case "AllOf":
            return removeWhere((s) => s.userId === which.userId && s.id !== which.exceptSessionId);
        }
      },
      purge: ({ expiredBefore, idleBefore }) =>
        Effect.map(
          removeWhere((s) => s.expiresAt.getTime() <= expiredBefore.getTime() || s.lastSeenAt.getTime() <= idleBefore.getTime()),
          (ids) => ids.length,
        ),
    };
  }),
);
