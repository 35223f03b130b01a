import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Options } from "@node-rs/argon2";

/**
 * The thread's own code, evaluated as CommonJS (no file to resolve under tsx or in dist): it lowers its own
 * scheduling priority (Linux: setpriority on the thread id, read from /proc/thread-self), then hashes with
 * the binding's synchronous calls, so the work runs on this thread, not on libuv's shared pool.
 */
const SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const argon2 = require(workerData.argon2Path);
let niced = false;
try {
  const tid = Number(require("node:fs").readlinkSync("/proc/thread-self").split("/").pop());
  require("node:os").setPriority(tid, workerData.nice);
  niced = require("node:os").getPriority(tid) === workerData.nice;
} catch {}
parentPort.postMessage({ ready: true, niced });
parentPort.on("message", (m) => {
  try {
    let value;
    if (m.op === "hash") value = argon2.hashSync(m.password, workerData.options);
    else {
      // A malformed stored hash verifies nothing.
      try { value = argon2.verifySync(m.stored, m.password); } catch { value = false; }
    }
    parentPort.postMessage({ id: m.id, value });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String((e && e.message) || e) });
  }
});
`;

type Reply =
  | { readonly ready: true; readonly niced: boolean }
  | { readonly id: number; readonly value?: string | boolean; readonly error?: string };
export type HashRequest =
  | { readonly op: "hash"; readonly password: string }
  | { readonly op: "verify"; readonly stored: string; readonly password: string };

/** One hashing thread: one request at a time (the pool hands it out only when idle). */
export interface HashingThread {
  /** Rejects at once when the thread has exited. */
  readonly run: (request: HashRequest) => Promise<string | boolean>;
  /** Whether the thread runs at the lowered priority (false where the OS refused or is not Linux). */
  readonly niced: boolean;
  readonly alive: () => boolean;
  readonly terminate: () => Promise<void>;
}

const argon2Path = createRequire(import.meta.url).resolve("@node-rs/argon2");

/**
 * Starts a thread at `nice` (0 leaves the priority alone). A thread that dies (or is terminated after a
 * request outlived its budget) fails what it was running; the caller replaces it.
 */
export const startHashingThread = (options: Options, nice: number): Promise<HashingThread> =>
  new Promise((resolve, reject) => {
    const worker = new Worker(SOURCE, { eval: true, workerData: { argon2Path, options, nice } });
    let next = 0;
    let exited = false;
    const pending = new Map<number, { ok: (v: string | boolean) => void; fail: (e: Error) => void }>();
    const failAll = (error: Error) => {
      for (const p of pending.values()) p.fail(error);
      pending.clear();
    };
    worker.on("error", (e) => {
      failAll(e);
      reject(e);
    });
    worker.on("exit", (code) => {
      exited = true;
      failAll(new Error(`hashing thread exited (${code})`));
      reject(new Error(`hashing thread exited (${code}) before it was ready`));
    });
    worker.on("message", (reply: Reply) => {
      if ("ready" in reply) {
        resolve({
          niced: reply.niced,
          alive: () => !exited,
          run: (request) =>
            new Promise((ok, fail) => {
              if (exited) return fail(new Error("hashing thread exited"));
              const id = next++;
              pending.set(id, { ok, fail });
              worker.postMessage({ id, ...request });
            }),
          terminate: async () => {
            await worker.terminate();
          },
        });
        return;
      }
      const p = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.error !== undefined || reply.value === undefined) p?.fail(new Error(reply.error ?? "no answer"));
      else p?.ok(reply.value);
    });
  });

/**
 * `size` slots, each holding a thread or nothing: a slot is handed out only when idle; its thread is started
 * when first needed and started again after it died, overran its budget or could not start (that call
 * fails; the next one tries again), so the pool never shrinks for good. `close` ends every thread.
 */
export const makeHashingPool = (start: () => Promise<HashingThread>, size: number, budgetMs: number) => {
  const slots: (HashingThread | null)[] = Array.from({ length: size }, () => null);
  const idle = slots.map((_, i) => i);
  let closed = false;
  const threadOf = async (slot: number) => {
    const current = slots[slot];
    if (current?.alive()) return current;
    const started = await start();
    if (closed) {
      await started.terminate();
      throw new Error("hashing pool closed");
    }
    slots[slot] = started;
    return started;
  };
  /** Runs on an idle slot; the caller holds a permit, so one is idle. */
  const run = async (request: HashRequest) => {
    const slot = idle.pop();
    if (slot === undefined) throw new Error("no idle hashing thread");
    let timer: NodeJS.Timeout | undefined;
    try {
      const thread = await threadOf(slot);
      const overran = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${budgetMs} ms`)), budgetMs);
      });
      try {
        return await Promise.race([thread.run(request), overran]);
      } catch (error) {
        // Dead or stuck: dropped (ended in the background); the slot starts a new thread next time.
        slots[slot] = null;
        void thread.terminate().catch(() => {});
        throw error;
      }
    } finally {
      clearTimeout(timer);
      idle.push(slot);
    }
  };
  const close = async () => {
    closed = true;
    await Promise.all(slots.map((t) => t?.terminate().catch(() => {})));
  };
  /** Starts every slot's thread now (at start, so the first sign-ins do not wait for it); failures are left for later. */
  const warm = () => Promise.all(slots.map((_, i) => threadOf(i).catch(() => undefined)));
  return { run, close, warm };
};
