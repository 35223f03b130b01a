import { Clock, Context, Duration, Effect, Layer, Schedule } from "effect";
import { LRUCache } from "lru-cache";
import { type SessionRecord, SessionStore } from "../../application/ports/SessionStore.js";
import { UserRepository } from "../../application/ports/UserRepository.js";
import { UserId } from "../../domain/shared/ids.js";
import { sessionTokenDigest } from "../crypto/sessionTokens.js";
import { KeyValue } from "./KeyValue.js";

export const sessionKey = (digest: string) => `session:${digest}`;
export const userSessionsKey = (userId: string) => `session:user:${userId}`;
/** The latest activity `touch` recorded for a cached session (ms since the epoch). */
export const seenKey = (sessionId: string) => `session:seen:${sessionId}`;
/** Revocations, so every instance drops its L1 copy at once: `t:{digest}`, `s:{sessionId}` or `u:{userId}`. */
export const SESSION_REVOKED = "session:revoked";
const TOMBSTONE = "revoked";

export interface SessionCacheOptions {
  /** Longest a Redis entry lives (and never past the session's expiry). */
  readonly ttlSeconds: number;
  /** Longest an entry lives in this process's memory (bounds staleness only while Redis is unreachable). */
  readonly l1Ms: number;
  readonly l1Max: number;
}

export const SESSION_CACHE_DEFAULTS: SessionCacheOptions = { ttlSeconds: 60, l1Ms: 2_000, l1Max: 10_000 };

/** A cached session record, short keys (one per request on the L1-miss path). */
interface Cached {
  readonly i: string;
  readonly u: string;
  readonly a: string | null;
  readonly c: number;
  readonly l: number;
  readonly e: number;
}

const toCached = (s: SessionRecord): Cached => ({
  i: s.id,
  u: s.userId,
  a: s.userAgent,
  c: s.createdAt.getTime(),
  l: s.lastSeenAt.getTime(),
  e: s.expiresAt.getTime(),
});
const fromCached = (c: Cached, lastSeen = c.l): SessionRecord => ({
  id: c.i,
  userId: UserId(c.u),
  userAgent: c.a,
  createdAt: new Date(c.c),
  lastSeenAt: new Date(Math.max(c.l, lastSeen)),
  expiresAt: new Date(c.e),
});
const isCached = (c: unknown): c is Cached => {
  const r = c as Partial<Cached> | null;
  return (
    typeof r === "object" &&
    r !== null &&
    typeof r.i === "string" &&
    typeof r.u === "string" &&
    (r.a === null || typeof r.a === "string") &&
    typeof r.c === "number" &&
    typeof r.l === "number" &&
    typeof r.e === "number"
  );
};
/** The user's index holds `{sessionId}:{digest}`, so a revocation by session id finds the cached token. */
const member = (sessionId: string, digest: string) => `${sessionId}:${digest}`;
const splitMember = (m: string) => {
  const at = m.lastIndexOf(":");
  return { sessionId: m.slice(0, at), digest: m.slice(at + 1) };
};

/**
 * Token → session record in front of the session store, which stays the source of truth: L1 in memory
 * (2 s), L2 Redis (60 s, never past the session's expiry; an entry past it is never served, the store is
 * asked). Lifetimes and the idle rule stay the application's (authenticate): the cache only answers what
 * the store would. Never fails open: a miss, a Redis that is down or late, or an entry that cannot be read
 * all go to PostgreSQL. Every revocation (by token, by session, all of a user's, account deletion) writes a
 * tombstone in place of each cached token it ends (a lookup that read PostgreSQL just before cannot put the
 * session back: fills are SET NX) and is published so every instance drops its L1 copy; revocations by
 * session or user are tombstoned twice (the second pass a second later catches a lookup that was filling
 * meanwhile). A revocation Redis missed is retried every second until it lands. `touch` records the new
 * activity time beside the entry (`session:seen:{id}`), so a cached record never shows older activity
 * than the store by more than the L1 lifetime.
 */
export const withSessionCache = (options: SessionCacheOptions = SESSION_CACHE_DEFAULTS) =>
  Layer.effectContext(
    Effect.gen(function* () {
      const inner = yield* SessionStore;
      const users = yield* UserRepository;
      const kv = yield* KeyValue;
      const l1 = new LRUCache<string, Cached>({ max: options.l1Max, ttl: options.l1Ms });
      /** Tombstones Redis has not taken yet (it was unreachable): retried; lookups of them skip the cache. */
      const unsent = new Set<string>();

      const dropLocalWhere = (pick: (c: Cached) => boolean) => {
        for (const [d, c] of l1.entries()) if (pick(c)) l1.delete(d);
      };
      const dropLocal = (message: string) => {
        if (message.startsWith("t:")) l1.delete(message.slice(2));
        else if (message.startsWith("u:")) dropLocalWhere((c) => c.u === message.slice(2));
        else if (message.startsWith("s:")) dropLocalWhere((c) => c.i === message.slice(2));
      };
      // A message missed while the subscriber was disconnected could be a revocation: drop everything.
      yield* kv.subscribe(SESSION_REVOKED, dropLocal, () => l1.clear());

      const tombstone = (digest: string) =>
        kv.set(sessionKey(digest), TOMBSTONE, { ttlSeconds: options.ttlSeconds }).pipe(
          Effect.tap(() => Effect.sync(() => unsent.delete(digest))),
          Effect.catch(() => Effect.sync(() => void unsent.add(digest))),
        );
      const retryUnsent = Effect.suspend(() => Effect.forEach([...unsent], tombstone, { discard: true }));
      yield* retryUnsent.pipe(Effect.repeat(Schedule.spaced(Duration.seconds(1))), Effect.forkScoped);

      /** Tombstones the user's cached tokens of the sessions picked (all of them without `ids`). */
      const tombstoneOf = (userId: string, ids?: ReadonlySet<string>) =>
        Effect.gen(function* () {
          const members = yield* kv.sMembers(userSessionsKey(userId)).pipe(Effect.catch(() => Effect.succeed([] as ReadonlyArray<string>)));
          const picked = members.map(splitMember).filter((m) => ids === undefined || ids.has(m.sessionId));
          yield* Effect.forEach(picked, (m) => tombstone(m.digest), { concurrency: 8, discard: true });
          dropLocalWhere((c) => c.u === userId && (ids === undefined || ids.has(c.i)));
          if (ids === undefined) yield* kv.publish(SESSION_REVOKED, `u:${userId}`).pipe(Effect.ignore);
          else yield* Effect.forEach(ids, (id) => kv.publish(SESSION_REVOKED, `s:${id}`).pipe(Effect.ignore), { discard: true });
        });
      const scope = yield* Effect.scope;
      const revokeCachedOf = (userId: string, ids?: ReadonlySet<string>) =>
        Effect.andThen(tombstoneOf(userId, ids), Effect.forkIn(Effect.andThen(Effect.sleep("1 second"), tombstoneOf(userId, ids)), scope));

      const fill = (digest: string, found: SessionRecord, now: number) => {
        const ttl = Math.min(options.ttlSeconds, Math.floor((found.expiresAt.getTime() - now) / 1000));
        if (ttl < 1) return Effect.void;
        // Indexed before it is written, so a revocation that lists the user's tokens sees it.
        return Effect.andThen(
          kv.sAdd(userSessionsKey(found.userId), [member(found.id, digest)], 86_400),
          kv.set(sessionKey(digest), JSON.stringify(toCached(found)), { ttlSeconds: ttl, onlyIfAbsent: true }),
        ).pipe(Effect.ignore);
      };

      const fromCache = (digest: string) =>
        kv.get(sessionKey(digest)).pipe(
          Effect.map((raw): Cached | "revoked" | undefined => {
            if (raw === null) return undefined;
            if (raw === TOMBSTONE) return "revoked";
            try {
              const c: unknown = JSON.parse(raw);
              return isCached(c) ? c : undefined;
            } catch {
              return undefined;
            }
          }),
          Effect.catch(() => Effect.succeed(undefined)),
        );
      const seenOf = (sessionId: string) =>
        kv.get(seenKey(sessionId)).pipe(
          Effect.map((raw) => (raw === null ? 0 : Number(raw) || 0)),
          Effect.catch(() => Effect.succeed(0)),
        );

      /** This process's copy, unless its token has a tombstone Redis has not taken (then the cache is skipped). */
      const inMemory = (digest: string) => (unsent.has(digest) ? undefined : l1.get(digest));
      const resolve = (token: string) =>
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis;
          const digest = sessionTokenDigest(token);
          // An entry past the session's expiry is never served: the store answers it.
          const local = inMemory(digest);
          if (local && local.e > now) return fromCached(local);
          const cached = unsent.has(digest) || local ? undefined : yield* fromCache(digest);
          if (cached === "revoked") return undefined;
          if (cached && cached.e > now) {
            const entry = { ...cached, l: Math.max(cached.l, yield* seenOf(cached.i)) };
            l1.set(digest, entry);
            return fromCached(entry);
          }
          const found = yield* inner.resolve(token);
          if (found) {
            yield* fill(digest, found, now);
            if (found.expiresAt.getTime() > now) l1.set(digest, toCached(found));
          }
          return found;
        });

      const sessions: SessionStore["Service"] = {
        create: (session) => inner.create(session),
        resolve,
        // L1 alone, as resolve reads it: a token whose tombstone Redis has not taken is never known here.
        peek: (token) => {
          const local = inMemory(sessionTokenDigest(token));
          return local && local.e > Date.now() ? fromCached(local) : undefined;
        },
        touch: (sessionId, at) =>
          Effect.gen(function* () {
            yield* inner.touch(sessionId, at);
            for (const [d, c] of l1.entries()) if (c.i === sessionId) l1.set(d, { ...c, l: Math.max(c.l, at.getTime()) });
            yield* kv.set(seenKey(sessionId), String(at.getTime()), { ttlSeconds: options.ttlSeconds }).pipe(Effect.ignore);
          }),
        listFor: (userId) => inner.listFor(userId),
        revoke: (which) =>
          Effect.gen(function* () {
            const ended = yield* inner.revoke(which);
            if (which._tag === "Token") {
              const digest = sessionTokenDigest(which.token);
              l1.delete(digest);
              yield* tombstone(digest);
              yield* kv.publish(SESSION_REVOKED, `t:${digest}`).pipe(Effect.ignore);
            } else if (ended.length > 0) {
              yield* revokeCachedOf(which.userId, new Set(ended));
            }
            return ended;
          }),
        purge: (bounds) => inner.purge(bounds),
      };
      const userRepository: UserRepository["Service"] = {
        ...users,
        // Deleting an account ends its sessions in every cache too (PostgreSQL's lookup already refuses them).
        saveProfile: (user) =>
          Effect.andThen(users.saveProfile(user), user.deletedAt === null ? Effect.void : Effect.asVoid(revokeCachedOf(user.id))),
      };
      return Context.make(SessionStore, sessions).pipe(Context.add(UserRepository, userRepository));
    }),
  );
