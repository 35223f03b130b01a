import { createHash } from "node:crypto";
import { claimIdempotencyKey } from "../../application/idempotency/claimIdempotencyKey.js";
import { settleIdempotencyKey } from "../../application/idempotency/settleIdempotencyKey.js";
import type { IdempotencyScope, StoredResponse } from "../../application/ports/IdempotencyStore.js";
import { ERROR_TABLE, type ErrorEntry, type ErrorKind, GENERIC, INPUT_ISSUES } from "./errorCatalogue.js";
import { ApiFailure, type Call, run } from "./run.js";

export const IDEMPOTENCY_HEADER = "idempotency-key";

/** Printable ASCII, as Stripe takes it (a UUID v4 is the usual choice). */
const KEY = /^[\x21-\x7e]{1,255}$/;
export const isValidIdempotencyKey = (key: string) => KEY.test(key);

/**
 * Mutations whose answer carries a new secret (a session's, a webhook's signing key): it is never stored, so it
 * cannot be replayed; and the deletion of an account, whose stored answer would be a row naming the deleted account.
 */
export const NOT_REPLAYABLE = new Set(["auth.register", "auth.login", "auth.changePassword", "user.deleteAccount", "webhook.create"]);

/** JSON with object keys sorted, so the same input always gives the same fingerprint. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value) ?? "null";
};

/** What identifies a request under a key: the procedure and its input as sent. */
export const fingerprintOf = (path: string, input: unknown) => createHash("sha256").update(canonical({ path, input })).digest("base64url");

/** Errors the request answered by running (a rule said no) are replayed; refusals worth retrying are not. */
const REPLAYED_KINDS = new Set<ErrorKind>(["invalid", "unauthenticated", "forbidden", "not_found", "conflict", "unprocessable"]);
const ENTRIES = new Map<string, ErrorEntry>(
  [...Object.values(ERROR_TABLE), ...Object.values(GENERIC), ...Object.values(INPUT_ISSUES)].map((e) => [e.code, e as ErrorEntry]),
);

/** The response to keep for a request's outcome, or null when the key should be forgotten instead. */
export const responseToKeep = (
  outcome: { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly error: unknown },
): StoredResponse | null => {
  if (outcome.ok) return { ok: true, data: outcome.data ?? null };
  const failure = outcome.error;
  return failure instanceof ApiFailure && REPLAYED_KINDS.has(failure.entry.kind) && failure.retryAfterSeconds === undefined
    ? { ok: false, code: failure.entry.code }
    : null;
};

export const replayFailure = (code: string) => new ApiFailure(ENTRIES.get(code) ?? GENERIC.INTERNAL);

/** How long a duplicate waits for the first request under its key before it is told to try again (409). */
const WAIT_FOR_FIRST_MS = 10_000;
const POLL_MS = 50;

/**
 * Claims `scope` for one request: "run" when it may run, the stored response when the same request ran
 * before (a concurrent duplicate waits for it), and an ApiFailure for a key reused with another request.
 */
export const claimKey = async (call: Call, scope: IdempotencyScope, fingerprint: string): Promise<"run" | StoredResponse> => {
  const deadline = Date.now() + WAIT_FOR_FIRST_MS;
  for (;;) {
    const claim = await run({ ...call, writes: false }, claimIdempotencyKey(scope, fingerprint));
    if (claim._tag === "Claimed") return "run";
    if (claim._tag === "Replay") return claim.response;
    if (claim._tag === "Mismatch") throw new ApiFailure(GENERIC.IDEMPOTENCY_KEY_REUSED);
    if (Date.now() > deadline) throw new ApiFailure(GENERIC.IDEMPOTENCY_KEY_IN_USE);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
};

export const settleKey = (call: Call, scope: IdempotencyScope, response: StoredResponse | null) =>
  run({ ...call, writes: false }, settleIdempotencyKey(scope, response));
