import { Context, Duration, Effect, Layer, Schedule } from "effect";
import { LRUCache } from "lru-cache";
import { SessionStore } from "../../application/ports/SessionStore.js";
import { UserRepository } from "../../application/ports/UserRepository.js";
import { UserId } from "../../domain/shared/ids.js";
import { sessionTokenDigest } from "../crypto/sessionTokens.js";
import { KeyValue } from "./KeyValue.js";

export const sessionKey = (digest: string) => `session:${digest}`;
export const userSessionsKey = (userId: string) => `session:user:${userId}`;
/** Revocations, so every instance drops its L1 copy at once: `t:{digest}` or `u:{userId}`. */
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

interface Cached {
  readonly u: string;
  readonly e: number;
}

/**
 * Token → user in front of the session store, which stays the source of truth: L1 in memory (2 s), L2
 * Redis (60 s, never past the session's expiry). Never fails open: a miss, a Redis that is down or late,
 * or an entry that cannot be read all go to PostgreSQL. A revocation writes a tombstone in place of the
 * entry (a lookup that read PostgreSQL just before cannot put the session back: fills are SET NX), and
 * is published so every instance drops its L1 copy; revoking all of a user's sessions (or deleting the
 * account) tombstones each of the user's cached tokens, twice (the second pass a second later catches a
 * lookup that was filling meanwhile). A revocation Redis missed is retried every second until it lands.
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

      const dropLocal = (message: string) => {
        if (message.startsWith("t:")) l1.delete(message.slice(2));
        else if (message.startsWith("u:")) for (const [d, c] of l1.entries()) if (c.u === message.slice(2)) l1.delete(d);
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

      const tombstoneAllOf = (userId: string) =>
        Effect.gen(function* () {
          const digests = yield* kv.sMembers(userSessionsKey(userId)).pipe(Effect.catch(() => Effect.succeed([] as ReadonlyArray<string>)));
          yield* Effect.forEach(digests, tombstone, { concurrency: 8, discard: true });
          for (const [d, c] of l1.entries()) if (c.u === userId) l1.delete(d);
          yield* kv.publish(SESSION_REVOKED, `u:${userId}`).pipe(Effect.ignore);
        });
      const scope = yield* Effect.scope;
      const revokeCachedOf = (userId: string) =>
        Effect.andThen(tombstoneAllOf(userId), Effect.forkIn(Effect.andThen(Effect.sleep("1 second"), tombstoneAllOf(userId)), scope));

      const fill = (digest: string, found: { userId: string; expiresAt: Date }, now: Date) => {
        const ttl = Math.min(options.ttlSeconds, Math.floor((found.expiresAt.getTime() - now.getTime()) / 1000));
        if (ttl < 1) return Effect.void;
        // Indexed before it is written, so a revoke-all that lists the user's tokens sees it.
        return Effect.andThen(
          kv.sAdd(userSessionsKey(found.userId), [digest], 86_400),
          kv.set(sessionKey(digest), JSON.stringify({ u: found.userId, e: found.expiresAt.getTime() }), {
            ttlSeconds: ttl,
            onlyIfAbsent: true,
          }),
        ).pipe(Effect.ignore);
      };

      const fromCache = (digest: string) =>
        kv.get(sessionKey(digest)).pipe(
          Effect.map((raw): Cached | "revoked" | undefined => {
            if (raw === null) return undefined;
            if (raw === TOMBSTONE) return "revoked";
            try {
              const c = JSON.parse(raw) as Cached;
              return typeof c.u === "string" && typeof c.e === "number" ? c : undefined;
            } catch {
              return undefined;
            }
          }),
          Effect.catch(() => Effect.succeed(undefined)),
        );

      const find = (token: string, now: Date) =>
        Effect.gen(function* () {
          const digest = sessionTokenDigest(token);
          const valid = (c: Cached) => (c.e > now.getTime() ? { userId: UserId(c.u), expiresAt: new Date(c.e) } : undefined);
          const local = unsent.has(digest) ? undefined : l1.get(digest);
          if (local) return valid(local);
          const cached = unsent.has(digest) ? undefined : yield* fromCache(digest);
          if (cached === "revoked") return undefined;
          if (cached) {
            l1.set(digest, cached);
            return valid(cached);
          }
          const found = yield* inner.find(token, now);
          if (found) {
            yield* fill(digest, found, now);
            l1.set(digest, { u: found.userId, e: found.expiresAt.getTime() });
          }
          return found;
        });

      const sessions: SessionStore["Service"] = {
        create: (userId, expiresAt) => inner.create(userId, expiresAt),
        find,
        resolve: (token, now) => Effect.map(find(token, now), (s) => s?.userId),
        revoke: (token) =>
          Effect.gen(function* () {
            yield* inner.revoke(token);
            const digest = sessionTokenDigest(token);
            l1.delete(digest);
            yield* tombstone(digest);
            yield* kv.publish(SESSION_REVOKED, `t:${digest}`).pipe(Effect.ignore);
          }),
        revokeAllFor: (userId) => Effect.andThen(inner.revokeAllFor(userId), Effect.asVoid(revokeCachedOf(userId))),
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
