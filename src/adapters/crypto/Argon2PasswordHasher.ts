import { availableParallelism } from "node:os";
import { type Algorithm, hash, type Options } from "@node-rs/argon2";
import { Effect, Layer, Option, Semaphore } from "effect";
import { DependencyUnavailable } from "../../application/errors.js";
import { PasswordHasher } from "../../application/ports/PasswordHasher.js";
import { type HashRequest, makeHashingPool, startHashingThread } from "./hashingThreads.js";

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

/**
 * As everyone: bounding the lanes is what keeps a login storm from slowing other requests (bench:login: ~1.8×
 * the idle p95 with one lane, 8× with four); a higher nice bought no clear gain there and made sign-ins time
 * out (503) once requests kept the CPU busy. Raise it where sign-ins may wait and reads may not.
 */
export const DEFAULT_NICE = 0;

/** One core of two for hashing, so a login storm leaves the other to everyone else's requests. */
export const DEFAULT_ARGON2_LIMITS: Argon2Limits = {
  concurrency: Math.max(1, Math.floor(availableParallelism() / 2)),
  queueTimeoutMs: 5_000,
};

/**
 * Longest one hash may take on its thread before the thread is dropped and the caller told to try again: a
 * thread that hangs, not one that is merely slow (at nice 19 on a saturated host a hash can take seconds).
 */
const HASH_BUDGET_MS = 30_000;

/**
 * Argon2id on `concurrency` threads of its own, at most one hash each, the rest waiting their turn. The
 * threads run at the configured scheduling priority (`nice`, Linux): above 0, a login storm takes the CPU
 * other requests leave idle instead of sharing it evenly with them (measured by `npm run bench:login`).
 * A thread that dies or hangs is replaced; any failure of the pool is a 503 (try again), never a 500.
 */
export const Argon2PasswordHasher = (limits: Argon2Limits = DEFAULT_ARGON2_LIMITS) =>
  Layer.effect(
    PasswordHasher,
    Effect.gen(function* () {
      const pool = yield* Effect.acquireRelease(
        Effect.sync(() =>
          makeHashingPool(() => startHashingThread(ARGON2_PARAMETERS, limits.nice ?? DEFAULT_NICE), limits.concurrency, HASH_BUDGET_MS),
        ),
        (p) => Effect.promise(() => p.close()),
      );
      yield* Effect.promise(() => pool.warm());
      const turns = yield* Semaphore.make(limits.concurrency);
      const unavailable = (why: string) => new DependencyUnavailable("password-hashing", why);
      const onThread = (request: HashRequest) =>
        Effect.gen(function* () {
          const turn = yield* turns.take(1).pipe(Effect.timeoutOption(limits.queueTimeoutMs));
          if (Option.isNone(turn)) return yield* Effect.die(unavailable(`no turn within ${limits.queueTimeoutMs} ms`));
          return yield* Effect.tryPromise({ try: () => pool.run(request), catch: (e) => e }).pipe(
            Effect.ensuring(turns.release(1)),
            Effect.catch((e) => Effect.die(unavailable(e instanceof Error ? e.message : String(e)))),
          );
        }).pipe(Effect.uninterruptible);
      const decoy = yield* Effect.promise(() => hash("decoy password for unknown users", ARGON2_PARAMETERS));
      return {
        hash: (password) => Effect.map(onThread({ op: "hash", password }), String),
        verify: (stored, password) =>
          Effect.map(onThread({ op: "verify", stored: stored ?? decoy, password }), (ok) => stored !== undefined && ok === true),
      };
    }),
  );
