import { hash, verify } from "@node-rs/argon2";
import { Effect, Layer } from "effect";
import { PasswordHasher } from "../../application/ports/PasswordHasher.js";

/** Argon2id with the library's defaults (OWASP's 19 MiB, t=2, p=1), run off the event loop by the native binding. */
export const Argon2PasswordHasher = Layer.effect(
  PasswordHasher,
  Effect.gen(function* () {
    const decoy = yield* Effect.promise(() => hash("decoy password for unknown users"));
    return {
      hash: (password) => Effect.promise(() => hash(password)),
      verify: (stored, password) =>
        Effect.promise(async () => {
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
