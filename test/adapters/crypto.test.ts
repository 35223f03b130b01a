import { Argon2PasswordHasher } from "../../src/adapters/crypto/Argon2PasswordHasher.js";
import { passwordHasherContract } from "../contract/PasswordHasher.contract.js";

passwordHasherContract("argon2id", Argon2PasswordHasher);
