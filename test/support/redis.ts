import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Effect, Exit, Layer, ManagedRuntime, Scope } from "effect";
import { KeyValue, type KeyValueStore } from "../../src/adapters/redis/KeyValue.js";
import { makeRedisKeyValue, type RedisGuardOptions, type RedisReporter, type RedisTarget } from "../../src/adapters/redis/RedisKeyValue.js";
import { makeTwoLevelCache } from "../../src/adapters/redis/TwoLevelCache.js";
import { PublicCache } from "../../src/application/ports/PublicCache.js";
import { freePort } from "./processes.js";

/** The machine's Redis; this project's tests use only logical databases 10–15 and keys under `t10:`. */
export const MACHINE_REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379/10";
/** A prefix of its own for each run, so runs and files never see each other's keys. */
export const runPrefix = () => `t10:${randomUUID().slice(0, 8)}:`;

/** For fault tests: a short budget and a breaker that opens quickly, so a frozen Redis shows within a test. */
export const TEST_GUARD: RedisGuardOptions = { budgetMs: 200, failureThreshold: 3, coolDownMs: 500 };
/**
 * For contract suites, which assert what the store does, not how it degrades: a budget a loaded CI machine
 * (or a cluster refreshing its slots) cannot miss, and a breaker that does not open. A missed budget here
 * would turn into a "nobody online" answer and a failed assertion about semantics.
 */
export const CONTRACT_GUARD: RedisGuardOptions = { budgetMs: 2_000, failureThreshold: 1_000, coolDownMs: 500 };

/** What the guarded client reported (the service logs and counts the same events). */
export const recordingReporter = () => {
  const degraded: string[] = [];
  const transitions: string[] = [];
  const reporter: RedisReporter = {
    degraded: (f) => Effect.sync(() => void degraded.push(f.reason)),
    breaker: (to) => Effect.sync(() => void transitions.push(to)),
  };
  return { reporter, degraded, transitions };
};

/** A guarded client on `target` that lives until `close`. */
export const openKeyValue = async (target: RedisTarget, options: Partial<RedisGuardOptions> = {}, reporter?: RedisReporter) => {
  const scope = Effect.runSync(Scope.make());
  const store: KeyValueStore = await Effect.runPromise(
    makeRedisKeyValue(target, { ...TEST_GUARD, keyPrefix: runPrefix(), ...options }, reporter ?? recordingReporter().reporter).pipe(
      Scope.provide(scope),
    ),
  );
  return { store, close: () => Effect.runPromise(Scope.close(scope, Exit.void)) };
};

export const keyValueLayer = (target: RedisTarget, options: Partial<RedisGuardOptions> = {}) =>
  Layer.effect(KeyValue, makeRedisKeyValue(target, { ...TEST_GUARD, keyPrefix: runPrefix(), ...options }, recordingReporter().reporter));

export const runOn = <A, E>(store: KeyValueStore, effect: Effect.Effect<A, E, KeyValue>) =>
  ManagedRuntime.make(Layer.succeed(KeyValue, store)).runPromise(effect);

const waitForPing = async (port: number) => {
  for (let i = 0; i < 100; i++) {
    try {
      execFileSync("redis-cli", ["-p", String(port), "ping"], { stdio: "pipe" });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`redis-server on ${port} did not answer`);
};

/** A redis-server of the test's own on a free port, to stop, freeze (SIGSTOP) and bring back. */
export const startOwnRedis = async () => {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await waitForPing(port);
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    c.kill("SIGCONT");
    await new Promise<void>((done) => {
      c.once("exit", () => done());
      c.kill("SIGKILL");
    });
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    start,
    freeze: () => void child?.kill("SIGSTOP"),
    thaw: () => void child?.kill("SIGCONT"),
  };
};

const SCRIPT = resolve(import.meta.dirname, "../../scripts/redis-cluster.sh");

/** A real 3-node Redis Cluster started by scripts/redis-cluster.sh in a directory of its own. */
export const startCluster = () => {
  const dir = join(mkdtempSync(join(tmpdir(), "t10-cluster-")), "c");
  const nodes = execFileSync(SCRIPT, ["start", dir], { encoding: "utf8" })
    .trim()
    .split(",")
    .map((n) => ({ host: "127.0.0.1", port: Number(n.split(":")[1]) }));
  // "<id> 127.0.0.1:port@bus flags master - 0 0 1 connected 0-5460"
  const ranges = execFileSync("redis-cli", ["-p", String(nodes[0]?.port), "cluster", "nodes"], { encoding: "utf8" })
    .trim()
    .split("\n")
    .flatMap((line) => {
      const parts = line.split(" ");
      const port = Number(parts[1]?.split("@")[0]?.split(":")[1]);
      return parts.slice(8).map((r) => {
        const [from, to] = r.split("-").map(Number);
        return { port, from: from ?? 0, to: to ?? from ?? 0 };
      });
    });
  const pidOf = (port: number) => Number(execFileSync("cat", [join(dir, String(port), "redis.pid")], { encoding: "utf8" }).trim());
  return {
    nodes,
    target: { _tag: "cluster", nodes } as const,
    /** The port of the node that serves `key`'s slot (from the layout at start, so it works with a node down). */
    nodeOf: (key: string) => {
      const slot = Number(
        execFileSync("redis-cli", ["-p", String(nodes[0]?.port), "cluster", "keyslot", key], { encoding: "utf8" }).trim(),
      );
      const owner = ranges.find((r) => slot >= r.from && slot <= r.to);
      if (!owner) throw new Error(`no node serves slot ${slot}`);
      return owner.port;
    },
    kill: (port: number) => process.kill(pidOf(port), "SIGKILL"),
    stop: () => execFileSync(SCRIPT, ["stop", dir]),
  };
};
export type TestCluster = ReturnType<typeof startCluster>;

/** Two public caches (two instances) over one KeyValue store, each with its own L1, for the PublicCache contract. */
export const twoPublicCaches = async (store: KeyValueStore, close: () => Promise<void> = async () => {}) => {
  const make = () => ManagedRuntime.make(makeTwoLevelCache().pipe(Layer.provide(Layer.succeed(KeyValue, store))));
  const [ra, rb] = [make(), make()];
  const a = await ra.runPromise(PublicCache.use((c) => Effect.succeed(c)));
  const b = await rb.runPromise(PublicCache.use((c) => Effect.succeed(c)));
  return {
    a,
    b,
    close: async () => {
      await Promise.all([ra.dispose(), rb.dispose()]);
      await close();
    },
  };
};
