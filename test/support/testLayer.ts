import { createHash } from "node:crypto";
import { Effect, Exit, Layer, ManagedRuntime } from "effect";
import { makeManualClock } from "../../src/adapters/in-memory/InMemoryClock.js";
import { inMemoryPersistence } from "../../src/adapters/in-memory/index.js";
import { ZxcvbnCommonPasswords } from "../../src/adapters/password-list/ZxcvbnCommonPasswords.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { inMemoryMedia, inMemoryWebhooks, noEngineAdmin, privacyPolicyLayer, withViewCounter } from "../../src/app/layers/index.js";
import { Ids } from "../../src/application/ports/Ids.js";
import { PasswordHasher } from "../../src/application/ports/PasswordHasher.js";
import { PostingPolicy, type PostingPolicyShape } from "../../src/application/ports/PostingPolicy.js";
import { DEFAULT_FLAG_THRESHOLD } from "../../src/domain/moderation/moderation.js";
import { DEFAULT_NEW_USER_HOURS, DEFAULT_NEW_USER_MAX_LINKS } from "../../src/domain/moderation/postingLimits.js";
import { T0 } from "./builders.js";

/**
 * Hashing fast and deterministic for tests only (production wires Argon2), beside the real common-password
 * list, as the composition root's crypto layer pairs them.
 */
export const TestPasswordHasher = Layer.merge(
  Layer.succeed(PasswordHasher, {
    hash: (password) => Effect.succeed(`test$${createHash("sha256").update(password).digest("hex")}`),
    verify: (stored, password) => Effect.succeed(stored === `test$${createHash("sha256").update(password).digest("hex")}`),
  }),
  ZxcvbnCommonPasswords,
);

export const sequentialIds = () => {
  let n = 0;
  return Layer.succeed(Ids, { next: Effect.sync(() => `id-${String(++n).padStart(6, "0")}`) });
};

/**
 * The in-memory store completed as the composition root completes a store (the view counter over it),
 * without a search engine to administer: with a clock, ids and hashing, an AppRuntime.
 */
export const inMemoryApp = () =>
  Layer.mergeAll(
    withViewCounter(inMemoryPersistence(loadJejuRegions())),
    noEngineAdmin,
    inMemoryMedia(),
    postingLimitsOff,
    privacyPolicyLayer(),
    // Webhooks answer 200 without a network; a test that scripts responses passes its own sender as the extra layer.
    inMemoryWebhooks(),
  );

/**
 * Tests post fast and repeat texts as brand-new users, so the posting limits are off in test layers; a test of
 * the limits passes `postingLimitsOn` (or its own policy) as the extra layer, which wins.
 */
const DEFAULT_POSTING: PostingPolicyShape = {
  enabled: true,
  newUserMs: DEFAULT_NEW_USER_HOURS * 3_600_000,
  newUserMaxLinks: DEFAULT_NEW_USER_MAX_LINKS,
  flagThreshold: DEFAULT_FLAG_THRESHOLD,
};
export const postingLimitsOff = Layer.succeed(PostingPolicy, { ...DEFAULT_POSTING, enabled: false });
export const postingLimitsOn = (over: Partial<PostingPolicyShape> = {}) => Layer.succeed(PostingPolicy, { ...DEFAULT_POSTING, ...over });

/** A fresh application on in-memory adapters, with a clock the test moves. */
export const makeTestApp = <X = never>(extra: Layer.Layer<X> = Layer.empty as Layer.Layer<X>) => {
  const clock = makeManualClock(T0);
  const layer = Layer.mergeAll(inMemoryApp(), clock.layer, sequentialIds(), TestPasswordHasher, extra);
  const runtime = ManagedRuntime.make(layer);
  const run = <A, E>(effect: Effect.Effect<A, E, Layer.Success<typeof layer>>) => runtime.runPromise(effect);
  const exit = <A, E>(effect: Effect.Effect<A, E, Layer.Success<typeof layer>>) => runtime.runPromiseExit(effect);
  /** The expected error's tag, or a failure of the test when the effect succeeded or died. */
  const failure = async <A, E extends { _tag: string }>(effect: Effect.Effect<A, E, Layer.Success<typeof layer>>) => {
    const result = await runtime.runPromiseExit(effect);
    if (Exit.isSuccess(result)) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
    const error = Exit.findError(result);
    if (error._tag !== "Success") throw new Error(`expected an expected error, got a defect: ${String(Exit.findDefect(result))}`);
    return error.success;
  };
  return { runtime, run, exit, failure, clock };
};
export type TestApp = ReturnType<typeof makeTestApp<never>>;
