import { Effect, Layer } from "effect";
import { KeyValue, type KeyValueStore } from "./KeyValue.js";

type Value = string | Set<string> | Map<string, number>;
interface Entry {
  value: Value;
  expiresAt: number;
}

/**
 * The in-process twin of Redis for a single process (`npm start` without REDIS_URL): the same commands
 * and expiry rules on a Map, so the cache, counters and sessions cache behave the same without a server.
 */
export const makeInProcessKeyValue = (): KeyValueStore => {
  const entries = new Map<string, Entry>();
  const channels = new Map<string, Set<(message: string) => void>>();

  const live = (key: string): Entry | undefined => {
    const e = entries.get(key);
    if (e && e.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const expiry = (ttlSeconds: number | undefined, keep: number) => (ttlSeconds === undefined ? keep : Date.now() + ttlSeconds * 1000);
  const wrongType = (key: string) => new Error(`WRONGTYPE ${key}`);
  const of = <V extends Value>(key: string, is: (v: Value) => v is V, empty: () => V, ttlSeconds?: number): V => {
    const e = live(key);
    if (e && !is(e.value)) throw wrongType(key);
    const entry = e ?? { value: empty(), expiresAt: Number.POSITIVE_INFINITY };
    entry.expiresAt = expiry(ttlSeconds, entry.expiresAt);
    entries.set(key, entry);
    return entry.value as V;
  };
  const isSet = (v: Value): v is Set<string> => v instanceof Set;
  const isZset = (v: Value): v is Map<string, number> => v instanceof Map;
  const str = (key: string) => {
    const v = live(key)?.value;
    if (v !== undefined && typeof v !== "string") throw wrongType(key);
    return v ?? null;
  };
  const dropIfEmpty = (key: string) => {
    const v = live(key)?.value;
    if (v !== undefined && typeof v !== "string" && v.size === 0) entries.delete(key);
  };

  return {
    kind: "in-process",
    get: (key) => Effect.sync(() => str(key)),
    set: (key, value, options = {}) =>
      Effect.sync(() => {
        if (options.onlyIfAbsent && live(key)) return false;
        entries.set(key, { value, expiresAt: expiry(options.ttlSeconds, Number.POSITIVE_INFINITY) });
        return true;
      }),
    del: (key) => Effect.sync(() => void entries.delete(key)),
    incrBy: (key, by, ttlSeconds) =>
      Effect.sync(() => {
        const current = str(key);
        const next = (current === null ? 0 : Number.parseInt(current, 10)) + by;
        const e = live(key);
        entries.set(key, { value: String(next), expiresAt: expiry(ttlSeconds, e?.expiresAt ?? Number.POSITIVE_INFINITY) });
        return next;
      }),
    getDel: (key) =>
      Effect.sync(() => {
        const v = str(key);
        entries.delete(key);
        return v;
      }),
    sAdd: (key, members, ttlSeconds) =>
      Effect.sync(() => {
        const set = of(key, isSet, () => new Set<string>(), ttlSeconds);
        for (const m of members) set.add(m);
      }),
    sRem: (key, members) =>
      Effect.sync(() => {
        const v = live(key)?.value;
        if (v === undefined) return;
        if (!isSet(v)) throw wrongType(key);
        for (const m of members) v.delete(m);
        dropIfEmpty(key);
      }),
    sMembers: (key) =>
      Effect.sync(() => {
        const v = live(key)?.value;
        if (v !== undefined && !isSet(v)) throw wrongType(key);
        return v ? [...v] : [];
      }),
    sPop: (key, count) =>
      Effect.sync(() => {
        const v = live(key)?.value;
        if (v === undefined) return [];
        if (!isSet(v)) throw wrongType(key);
        const taken = [...v].slice(0, count);
        for (const m of taken) v.delete(m);
        dropIfEmpty(key);
        return taken;
      }),
    zIncrBy: (key, by, member, ttlSeconds) =>
      Effect.sync(() => {
        const z = of(key, isZset, () => new Map<string, number>(), ttlSeconds);
        const next = (z.get(member) ?? 0) + by;
        z.set(member, next);
        return next;
      }),
    zAdd: (key, score, member, ttlSeconds) =>
      Effect.sync(() => {
        of(key, isZset, () => new Map<string, number>(), ttlSeconds).set(member, score);
      }),
    zTop: (key, limit) =>
      Effect.sync(() => {
        const v = live(key)?.value;
        if (v === undefined) return [];
        if (!isZset(v)) throw wrongType(key);
        // Redis orders equal scores by member, descending for ZREVRANGE.
        return [...v.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0)).slice(0, limit);
      }),
    zRemRangeByScore: (key, min, max) =>
      Effect.sync(() => {
        const v = live(key)?.value;
        if (v === undefined) return;
        if (!isZset(v)) throw wrongType(key);
        for (const [m, s] of v) if (s >= min && s <= max) v.delete(m);
        dropIfEmpty(key);
      }),
    zCount: (key, min, max) =>
      Effect.sync(() => {
        const v = live(key)?.value;
        if (v === undefined) return 0;
        if (!isZset(v)) throw wrongType(key);
        let n = 0;
        for (const s of v.values()) if (s >= min && s <= max) n++;
        return n;
      }),
    publish: (channel, message) =>
      Effect.sync(() => {
        // Delivered after the publisher's turn, as a network round trip would.
        for (const listener of channels.get(channel) ?? []) queueMicrotask(() => listener(message));
      }),
    subscribe: (channel, onMessage) =>
      Effect.acquireRelease(
        Effect.sync(() => {
          const listeners = channels.get(channel) ?? new Set();
          channels.set(channel, listeners);
          listeners.add(onMessage);
        }),
        () => Effect.sync(() => void channels.get(channel)?.delete(onMessage)),
      ),
    ping: Effect.void,
  };
};

export const InProcessKeyValue = Layer.sync(KeyValue, makeInProcessKeyValue);
