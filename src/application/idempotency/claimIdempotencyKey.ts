import { Effect } from "effect";
import { Clock } from "../ports/Clock.js";
import { type IdempotencyScope, IdempotencyStore } from "../ports/IdempotencyStore.js";

/** Keys are kept 24 hours (Stripe's window): a retry within it gets the first answer. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
/** A request still unfinished after this long died with its process: its key may be claimed again. */
export const IDEMPOTENCY_ABANDONED_MS = 60 * 1000;

/** Claims a key for a request (its fingerprint), or says what became of the request that holds it. */
export const claimIdempotencyKey = Effect.fn("claimIdempotencyKey")(function* (scope: IdempotencyScope, fingerprint: string) {
  const now = yield* (yield* Clock).now;
  return yield* (yield* IdempotencyStore).claim(scope, fingerprint, {
    now,
    expiredBefore: new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS),
    abandonedBefore: new Date(now.getTime() - IDEMPOTENCY_ABANDONED_MS),
  });
});
