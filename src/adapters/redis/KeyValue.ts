import { Context, Data, type Effect, type Scope } from "effect";

/**
 * Redis could not answer within its budget: down, hanging, or the breaker is open. Callers fall back
 * (to PostgreSQL, to "no cache") — never to a guess.
 */
export class RedisUnavailable extends Data.TaggedError("RedisUnavailable")<{
  readonly operation: string;
  readonly reason: "failed" | "timeout" | "circuit_open";
  readonly message: string;
}> {}

type R<A> = Effect.Effect<A, RedisUnavailable>;

/**
 * The commands the service uses, each bounded by the client's time budget. One instance per process:
 * ioredis on one node (REDIS_URL) or a cluster (REDIS_CLUSTER_NODES), else an in-process twin that
 * behaves the same (InProcessKeyValue). Every key stands alone (no multi-key command), so any key can
 * live on any cluster slot.
 */
export interface KeyValueStore {
  readonly get: (key: string) => R<string | null>;
  /** SET with an optional TTL; `onlyIfAbsent` is NX. True when the value was written. */
  readonly set: (key: string, value: string, options?: { readonly ttlSeconds?: number; readonly onlyIfAbsent?: boolean }) => R<boolean>;
  readonly del: (key: string) => R<void>;
  /** INCRBY; the key gets `ttlSeconds` when given (refreshed on every increment). */
  readonly incrBy: (key: string, by: number, ttlSeconds?: number) => R<number>;
  /** GETDEL: read and remove in one step, so two flushers never both take the same count. */
  readonly getDel: (key: string) => R<string | null>;
  readonly sAdd: (key: string, members: ReadonlyArray<string>, ttlSeconds?: number) => R<void>;
  readonly sRem: (key: string, members: ReadonlyArray<string>) => R<void>;
  readonly sMembers: (key: string) => R<ReadonlyArray<string>>;
  /** SPOP with a count: up to `count` members, each removed (each returned to exactly one caller). */
  readonly sPop: (key: string, count: number) => R<ReadonlyArray<string>>;
  readonly zIncrBy: (key: string, by: number, member: string, ttlSeconds?: number) => R<number>;
  /** ZADD (score per member); with `ttlSeconds` the key's expiry is refreshed. */
  readonly zAdd: (key: string, score: number, member: string, ttlSeconds?: number) => R<void>;
  /** Members by descending score, `limit` at most, with their scores. */
  readonly zTop: (key: string, limit: number) => R<ReadonlyArray<readonly [string, number]>>;
  readonly zRemRangeByScore: (key: string, min: number, max: number) => R<void>;
  readonly zCount: (key: string, min: number, max: number) => R<number>;
  readonly publish: (channel: string, message: string) => R<void>;
  /**
   * Hears every message on `channel` while the scope lasts. Messages published while the connection is
   * down are lost (pub/sub has no memory): `onReconnect` runs after each resubscription so a listener
   * can drop what it might have missed.
   */
  readonly subscribe: (
    channel: string,
    onMessage: (message: string) => void,
    onReconnect?: () => void,
  ) => Effect.Effect<void, never, Scope.Scope>;
  readonly ping: R<void>;
  /** "redis", "redis-cluster" or "in-process": what serves the keys. */
  readonly kind: "redis" | "redis-cluster" | "in-process";
}

export class KeyValue extends Context.Service<KeyValue, KeyValueStore>()("dongne/KeyValue") {}
