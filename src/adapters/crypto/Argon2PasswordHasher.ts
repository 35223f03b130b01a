import { availableParallelism } from "node:os";
import { type Algorithm, hash, type Options } from "@node-rs/argon2";
import { Effect, Layer, Option, Semaphore } from "effect";
import { DependencyUnavailable } from "../../application/errors.js";
import { PasswordHasher } from "../../application/ports/PasswordHasher.js";
import { type HashingThread, type HashRequest, startHashingThread } from "./hashingThreads.js";

/**
 * OWASP's Password Storage Cheat Sheet, first Argon2id row: 19 MiB, 2 passes, 1 lane (test/adapters/crypto.test.ts
 * reads them back from a stored hash). `algorithm: 2` is Argon2id (the binding's const enum).
 */
export const ARGON2_PARAMETERS: Options = { algorithm: 2 as Algorithm, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export interface Argon2Limits {
  /** Hashes computed at once; the rest wait. Each takes one core for ~20–40 ms. */
  readonly concurrency: number;
  /** Longest a hash waits for its turn; then the caller is told to try again (503), and no core was spent. */
  readonly queueTimeoutMs: number;
  /** The hashing threads' scheduling priority, 0 (as everyone) to 19 (only what others leave idle). */
  readonly nice?: number;
}

/** Lowest priority: hashing gets whatever CPU requests do not use, and a storm of it cannot slow them much. */
export const DEFAULT_NICE = 19;

/** One core of two for hashing, so a login storm leaves the other to everyone else's requests. */
export const DEFAULT_ARGON2_LIMITS: Argon2Limits = {
  concurrency: Math.max(1, Math.floor(availableParallelism() / 2)),
  queueTimeoutMs: 5_000,
};

/** Longest one hash may take on its thread before the thread is replaced and the caller told to try again. */
const HASH_BUDGET_MS = 10_000;

/**
 * Argon2id on `concurrency` threads of its own, at most one hash each, the rest waiting their turn. The
 * threads run at a lowered scheduling priority (`nice`, Linux): a login storm then takes the CPU other
 * requests leave idle instead of sharing it evenly with them, so `question.list` keeps its latency while
 * sign-ins queue (measured by `npm run bench:login`). A thread that dies or overruns is replaced.
 */
export const Argon2PasswordHasher = (limits: Argon2Limits = DEFAULT_ARGON2_LIMITS) =>
  Layer.effect(
    PasswordHasher,
    Effect.gen(function* () {
      const nice = limits.nice ?? DEFAULT_NICE;
      const start = () => startHashingThread(ARGON2_PARAMETERS, nice);
      const idle = yield* Effect.acquireRelease(
        Effect.promise(() => Promise.all(Array.from({ length: limits.concurrency }, start))),
        (threads) => Effect.promise(() => Promise.all(threads.map((t) => t.terminate()))),
      );
      const turns = yield* Semaphore.make(limits.concurrency);
      const unavailable = (why: string) => new DependencyUnavailable("password-hashing", why);
      // A permit guarantees an idle thread: the pool holds exactly as many threads as permits.
      const onThread = (request: HashRequest) =>
        Effect.gen(function* () {
          const turn = yield* turns.take(1).pipe(Effect.timeoutOption(limits.queueTimeoutMs));
          if (Option.isNone(turn)) return yield* Effect.die(unavailable(`no turn within ${limits.queueTimeoutMs} ms`));
          const thread = idle.pop() as HashingThread;
          const answer = yield* Effect.promise(() =>
            Promise.race([
              thread.run(request).then(
                (value) => ({ value }),
                (error: Error) => ({ error }),
              ),
              new Promise<{ error: Error }>((r) =>
                setTimeout(() => r({ error: new Error(`no answer within ${HASH_BUDGET_MS} ms`) }), HASH_BUDGET_MS).unref(),
              ),
            ]),
          ).pipe(
            Effect.tap((a) =>
              "error" in a
                ? Effect.promise(async () => {
                    await thread.terminate().catch(() => {});
                    idle.push(await start());
                  })
                : Effect.sync(() => idle.push(thread)),
            ),
            Effect.ensuring(turns.release(1)),
          );
          if ("error" in answer) return yield* Effect.die(unavailable(answer.error.message));
          return answer.value;
        }).pipe(Effect.uninterruptible);
      const decoy = yield* Effect.promise(() => hash("decoy password for unknown users", ARGON2_PARAMETERS));
      return {
        hash: (password) => Effect.map(onThread({ op: "hash", password }), String),
        verify: (stored, password) =>
          Effect.map(onThread({ op: "verify", stored: stored ?? decoy, password }), (ok) => stored !== undefined && ok === true),
      };
    }),
  );
