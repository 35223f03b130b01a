import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: what a client holds. */
export const newSessionToken = () => randomBytes(32).toString("base64url");

/** What a session store keeps instead of the token: a copy of the store grants no session. */
export const sessionTokenDigest = (token: string) => createHash("sha256").update(token).digest("base64url");
