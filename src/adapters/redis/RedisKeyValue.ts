import { Cause, Duration, Effect, Layer } from "effect";
import { Cluster, Redis } from "ioredis";
import { type BreakerState, CircuitOpen, makeCircuitBreaker } from "../resilience/CircuitBreaker.js";
import { KeyValue, type KeyValueStore, RedisUnavailable } from "./KeyValue.js";

export type RedisTarget =
  | { readonly _tag: "node"; readonly url: string }
  | { readonly _tag: "cluster"; readonly nodes: ReadonlyArray<{ readonly host: string; readonly port: number }> };

export interface RedisGuardOptions {
  /** Longest one command may take; later it fails (RedisUnavailable) and the caller falls back. */
  readonly budgetMs: number;
  /** Failed or late commands in a row that open the breaker (then commands fail at once). */
  readonly failureThreshold: number;
  /** How long the open breaker refuses commands before one probes Redis. */
  readonly coolDownMs: number;
  /** Put before every key and channel (tests share one server: `t10:…`). */
  readonly keyPrefix?: string;
}

export interface RedisReporter {
  /** A command failed, ran late or was refused by the open breaker (the caller falls back). */
  readonly degraded: (failure: RedisUnavailable) => Effect.Effect<void>;
  readonly breaker: (to: BreakerState, from: BreakerState) => Effect.Effect<void>;
  /** Connection-level events (errors, reconnects), for a debug log line. */
  readonly connection?: (event: string, detail?: string) => void;
}

type Client = Redis | Cluster;

const common = (budgetMs: number) => ({
  // A command fails at once while the connection is down, instead of queueing until it returns.
  enableOfflineQueue: false,
  // A command in flight when the connection drops fails; it is not sent again on the next connection.
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
  commandTimeout: budgetMs,
  connectTimeout: Math.max(500, budgetMs * 5),
  // Commands issued in the same tick (many requests at once) go out in one write, not a system call each.
  enableAutoPipelining: true,
});

// Reconnect forever, at most a second apart, so Redis coming back needs no restart.
const retry = (times: number) => Math.min(50 * times, 1_000);

/** A client with the settings above (no offline queue, no resend, a command timeout); also the rate limiter's. */
export const connect = (target: RedisTarget, budgetMs: number): Client =>
  target._tag === "node"
    ? new Redis(target.url, { ...common(budgetMs), retryStrategy: retry })
    : new Cluster([...target.nodes], {
        enableOfflineQueue: false,
        enableAutoPipelining: true,
        clusterRetryStrategy: retry,
        slotsRefreshTimeout: Math.max(500, budgetMs * 5),
        retryDelayOnClusterDown: 0,
        retryDelayOnFailover: 0,
        retryDelayOnTryAgain: 0,
        maxRedirections: 3,
        redisOptions: common(budgetMs),
      });

const ready = async (c: Client, ms: number) => {
  await new Promise<void>((done) => {
    if (c.status === "ready") return done();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      c.off("ready", finish);
      done();
    }
    c.once("ready", finish);
  });
  // ioredis connects to a cluster's nodes lazily; with no offline queue the first command to a node not yet
  // connected fails ("Connection is closed"), so a fresh client connects to every node it knows first.
  if (c instanceof Cluster) {
    const connectAll = Promise.all(c.nodes("all").map((n) => (n.status === "wait" ? n.connect().catch(() => {}) : undefined)));
    await Promise.race([connectAll, new Promise((done) => setTimeout(done, ms).unref())]);
  }
};

/**
 * ioredis behind a time budget per command and a circuit breaker: a Redis that is stopped, refuses or
 * hangs (SIGSTOP) costs a caller at most the budget, and after `failureThreshold` such commands nothing
 * at all until a probe succeeds. The client reconnects by itself; no restart is needed.
 */
export const makeRedisKeyValue = (target: RedisTarget, options: RedisGuardOptions, reporter: RedisReporter) =>
  Effect.gen(function* () {
    const prefix = options.keyPrefix ?? "";
    const k = (key: string) => prefix + key;
    const client = yield* Effect.acquireRelease(
      Effect.sync(() => {
        const c = connect(target, options.budgetMs);
        c.on("error", (e: Error) => reporter.connection?.("error", e.message));
        return c;
      }),
      (c) =>
        Effect.promise(() =>
          c.quit().then(
            () => {},
            () => c.disconnect(),
          ),
        ),
    );
    // Give the first connection a moment, so the first requests find it; a Redis that is down delays start by no more.
    yield* Effect.promise(() => ready(client, Math.max(1_000, options.budgetMs * 5)));
    const breaker = yield* makeCircuitBreaker({
      failureThreshold: options.failureThreshold,
      coolDown: Duration.millis(options.coolDownMs),
      onChange: reporter.breaker,
      name: "redis",
    });
    const budget = Duration.millis(options.budgetMs);

    const call = <A>(operation: string, f: (c: Client) => Promise<A>): Effect.Effect<A, RedisUnavailable> =>
      breaker
        .run(
          Effect.tryPromise({
            try: () => f(client),
            catch: (e) => {
              const message = e instanceof Error ? e.message : String(e);
              // ioredis's own commandTimeout (the same budget) may fire first.
              return new RedisUnavailable({ operation, reason: /timed out/i.test(message) ? "timeout" : "failed", message });
            },
          }).pipe(
            Effect.timeoutOrElse({
              duration: budget,
              orElse: () =>
                Effect.fail(new RedisUnavailable({ operation, reason: "timeout", message: `took longer than ${options.budgetMs} ms` })),
            }),
          ),
        )
        .pipe(
          Effect.catchCause((cause) => {
            if (Cause.hasInterruptsOnly(cause)) return Effect.failCause(cause);
            const error = Cause.squash(cause);
            const failure =
              error instanceof RedisUnavailable
                ? error
                : new RedisUnavailable({
                    operation,
                    reason: error instanceof CircuitOpen ? "circuit_open" : "failed",
                    message: error instanceof Error ? error.message : String(error),
                  });
            return Effect.andThen(reporter.degraded(failure), Effect.fail(failure));
          }),
        );

    const expireAfter = (c: Client, key: string, ttlSeconds: number | undefined) =>
      ttlSeconds === undefined ? Promise.resolve() : c.expire(key, ttlSeconds).then(() => {});

    // One subscriber connection for every channel (a subscribed connection takes no other command).
    const listeners = new Map<string, Set<(message: string) => void>>();
    const reconnectHooks = new Set<() => void>();
    let subscriber: Client | undefined;
    const subscriberConnection = () => {
      if (subscriber) return subscriber;
      // Subscriptions may wait for the connection (a start while Redis is down subscribes once it is up).
      const s =
        client instanceof Cluster
          ? client.duplicate(undefined, { enableOfflineQueue: true })
          : client.duplicate({ enableOfflineQueue: true });
      let readyBefore = false;
      s.on("error", (e: Error) => reporter.connection?.("subscriber error", e.message));
      s.on("ready", () => {
        if (readyBefore) for (const hook of reconnectHooks) hook();
        readyBefore = true;
      });
      s.on("message", (channel: string, message: string) => {
        for (const l of listeners.get(channel.slice(prefix.length)) ?? []) l(message);
      });
      subscriber = s;
      return s;
    };
    yield* Effect.addFinalizer(() =>
      subscriber
        ? Effect.promise(
            () =>
              subscriber?.quit().then(
                () => {},
                () => subscriber?.disconnect(),
              ) ?? Promise.resolve(),
          )
        : Effect.void,
    );

    const store: KeyValueStore = {
      kind: target._tag === "node" ? "redis" : "redis-cluster",
      get: (key) => call("get", (c) => c.get(k(key))),
      set: (key, value, o = {}) =>
        call("set", async (c) => {
          const key2 = k(key);
          const reply =
            o.ttlSeconds !== undefined
              ? o.onlyIfAbsent
                ? await c.set(key2, value, "EX", o.ttlSeconds, "NX")
                : await c.set(key2, value, "EX", o.ttlSeconds)
              : o.onlyIfAbsent
                ? await c.set(key2, value, "NX")
                : await c.set(key2, value);
          return reply === "OK";
        }),
      del: (key) => call("del", (c) => c.del(k(key)).then(() => {})),
      incrBy: (key, by, ttlSeconds) =>
        call("incrBy", async (c) => {
          const n = await c.incrby(k(key), by);
          await expireAfter(c, k(key), ttlSeconds);
          return n;
        }),
      getDel: (key) => call("getDel", (c) => c.getdel(k(key))),
      sAdd: (key, members, ttlSeconds) =>
        call("sAdd", async (c) => {
          if (members.length > 0) await c.sadd(k(key), ...members);
          await expireAfter(c, k(key), ttlSeconds);
        }),
      sRem: (key, members) => call("sRem", (c) => (members.length ? c.srem(k(key), ...members).then(() => {}) : Promise.resolve())),
      sMembers: (key) => call("sMembers", (c) => c.smembers(k(key))),
      sPop: (key, count) => call("sPop", (c) => c.spop(k(key), count)),
      zIncrBy: (key, by, member, ttlSeconds) =>
        call("zIncrBy", async (c) => {
          const n = Number(await c.zincrby(k(key), by, member));
          await expireAfter(c, k(key), ttlSeconds);
          return n;
        }),
      zAdd: (key, score, member, ttlSeconds) =>
        call("zAdd", async (c) => {
          await c.zadd(k(key), score, member);
          await expireAfter(c, k(key), ttlSeconds);
        }),
      zTop: (key, limit) =>
        call("zTop", async (c) => {
          const flat = await c.zrevrange(k(key), 0, limit - 1, "WITHSCORES");
          const out: Array<readonly [string, number]> = [];
          for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] ?? "", Number(flat[i + 1])]);
          return out;
        }),
      zRemRangeByScore: (key, min, max) => call("zRemRangeByScore", (c) => c.zremrangebyscore(k(key), min, max).then(() => {})),
      zCount: (key, min, max) => call("zCount", (c) => c.zcount(k(key), min, max)),
      publish: (channel, message) => call("publish", (c) => c.publish(k(channel), message).then(() => {})),
      subscribe: (channel, onMessage, onReconnect) =>
        Effect.acquireRelease(
          Effect.sync(() => {
            const s = subscriberConnection();
            const set = listeners.get(channel) ?? new Set();
            if (set.size === 0) s.subscribe(k(channel)).catch((e: Error) => reporter.connection?.("subscribe failed", e.message));
            set.add(onMessage);
            listeners.set(channel, set);
            if (onReconnect) reconnectHooks.add(onReconnect);
          }),
          () =>
            Effect.sync(() => {
              listeners.get(channel)?.delete(onMessage);
              if (onReconnect) reconnectHooks.delete(onReconnect);
            }),
        ),
      ping: call("ping", (c) => c.ping().then(() => {})),
    };
    return store;
  });

export const RedisKeyValueLive = (target: RedisTarget, options: RedisGuardOptions, reporter: RedisReporter) =>
  Layer.effect(KeyValue, makeRedisKeyValue(target, options, reporter));
