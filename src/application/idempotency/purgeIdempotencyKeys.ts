import { Effect } from "effect";
import { Clock } from "../ports/Clock.js";
import { IdempotencyStore } from "../ports/IdempotencyStore.js";
import { IDEMPOTENCY_RETENTION_MS } from "./claimIdempotencyKey.js";

/** Deletes the keys past their 24 hours; how many. */
export const purgeIdempotencyKeys = Effect.fn("purgeIdempotencyKeys")(function* () {
  const now = yield* (yield* Clock).now;
  return yield* (yield* IdempotencyStore).purge(new Date(now.getTime() - IDEMPOTENCY_RETENTION_MS));
});
