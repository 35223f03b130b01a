import { availableParallelism } from "node:os";
import { type Algorithm, hash, type Options, verify } from "@node-rs/argon2";
import { Effect, Layer, Option, Semaphore } from "effect";
import { DependencyUnavailable } from "../../application/errors.js";
import { PasswordHasher } from "../../application/ports/PasswordHasher.js";

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
}

/** One core of two for hashing, so a login storm leaves the other to everyone else's requests. */
export const DEFAULT_ARGON2_LIMITS: Argon2Limits = {
  concurrency: Math.max(1, Math.floor(availableParallelism() / 2)),
  queueTimeoutMs: 5_000,
};

/** Argon2id, run off the event loop by the native binding, at most `concurrency` at a time. */
export const Argon2PasswordHasher = (limits: Argon2Limits = DEFAULT_ARGON2_LIMITS) =>
  Layer.effect(
    PasswordHasher,
    Effect.gen(function* () {
      const turns = yield* Semaphore.make(limits.concurrency);
      const bounded = <A>(work: () => Promise<A>) =>
        Effect.gen(function* () {
          const turn = yield* turns.take(1).pipe(Effect.timeoutOption(limits.queueTimeoutMs));
          if (Option.isNone(turn))
            return yield* Effect.die(new DependencyUnavailable("password-hashing", `no turn within ${limits.queueTimeoutMs} ms`));
          return yield* Effect.promise(work).pipe(Effect.ensuring(turns.release(1)));
        });
      const decoy = yield* Effect.promise(() => hash("decoy password for unknown users", ARGON2_PARAMETERS));
      return {
        hash: (password) => bounded(() => hash(password, ARGON2_PARAMETERS)),
        verify: (stored, password) =>
          bounded(async () => {
            try {
              const ok = await verify(stored ?? decoy, password);
              return stored !== undefined && ok;
            } catch {
              return false;
            }
          }),
      };
    }),
  );
