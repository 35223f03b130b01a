import { Layer } from "effect";
import { Argon2PasswordHasher, DEFAULT_ARGON2_LIMITS } from "../../adapters/crypto/Argon2PasswordHasher.js";
import { ZxcvbnCommonPasswords } from "../../adapters/password-list/ZxcvbnCommonPasswords.js";
import type { Config } from "../config.js";

/** Password hashing: Argon2id, bounded by ARGON2_CONCURRENCY, on threads at ARGON2_NICE; and the common-password list new passwords are checked against. */
export const cryptoLayer = (config: Config) =>
  Layer.merge(
    Argon2PasswordHasher({
      concurrency: config.ARGON2_CONCURRENCY ?? DEFAULT_ARGON2_LIMITS.concurrency,
      queueTimeoutMs: config.ARGON2_QUEUE_TIMEOUT_MS,
      nice: config.ARGON2_NICE,
    }),
    ZxcvbnCommonPasswords,
  );
