import { Effect } from "effect";
import { type IdempotencyScope, IdempotencyStore, type StoredResponse } from "../ports/IdempotencyStore.js";

/**
 * Records what the claimed request answered, for replay; or, for an answer worth retrying (the service was
 * unavailable, a limit), forgets the claim so that a retry runs the request.
 */
export const settleIdempotencyKey = Effect.fn("settleIdempotencyKey")(function* (scope: IdempotencyScope, response: StoredResponse | null) {
  const store = yield* IdempotencyStore;
  if (response === null) yield* store.release(scope);
  else yield* store.complete(scope, response);
});
