import { Layer, ManagedRuntime } from "effect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import type { AppRuntime } from "../../src/app/layers.js";
import { inMemoryApp, TestPasswordHasher } from "../support/testLayer.js";
import { assertHandled, type FuzzWorld, inputsFor, makeWorld, procedurePaths } from "./inputFuzz.js";

const runtime: AppRuntime = ManagedRuntime.make(Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher));
let world: FuzzWorld;
beforeAll(async () => {
  world = await makeWorld(runtime);
});
afterAll(() => runtime.dispose());

describe("arbitrary input into every procedure (in-memory adapters)", () => {
  it.each(procedurePaths())("%s: a value or a typed error, never INTERNAL", async (path) => {
    await fc.assert(
      fc.asyncProperty(inputsFor(world, path), (input) => assertHandled(world, path, input)),
      { numRuns: 50 },
    );
  });
});
