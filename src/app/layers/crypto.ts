import { Argon2PasswordHasher } from "../../adapters/crypto/Argon2PasswordHasher.js";

/** Password hashing: Argon2id. */
export const cryptoLayer = Argon2PasswordHasher;
