import { Layer, ManagedRuntime } from "effect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { RandomIds } from "../../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../../src/adapters/system/SystemClock.js";
import type { AppRuntime } from "../../../src/app/layers.js";
import { makeLogger } from "../../../src/app/logger.js";
import { makeReadYourWrites } from "../../../src/app/readYourWrites.js";
import { makeRestApi } from "../../../src/app/rest/api.js";
import { restRoutes } from "../../../src/app/rest/routes.js";
import { inMemoryApp, TestPasswordHasher } from "../../support/testLayer.js";
import { type FuzzWorld, inputsFor, makeWorld } from "../inputFuzz.js";
import { encode, languages, rawRequests, sendFuzzed } from "./restFuzz.js";

const runtime: AppRuntime = ManagedRuntime.make(Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher));
const api = makeRestApi({ runtime, logger: makeLogger("silent"), readYourWrites: makeReadYourWrites(0) });
let world: FuzzWorld;
beforeAll(async () => {
  world = await makeWorld(runtime);
});
afterAll(() => runtime.dispose());

const routes = restRoutes();

describe("arbitrary requests on every REST route (in-memory adapters)", () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s: shaped input → a value or a typed error, never 500",
    async (_, route) => {
      await fc.assert(
        fc.asyncProperty(inputsFor(world, route.procedure.name), languages, (input, lang) =>
          sendFuzzed(api, world, route, lang, encode(route, input)),
        ),
        { numRuns: 30 },
      );
    },
  );

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s: raw query, path and body → never 500", async (_, route) => {
    await fc.assert(
      fc.asyncProperty(rawRequests(route), languages, (parts, lang) => sendFuzzed(api, world, route, lang, parts)),
      { numRuns: 20 },
    );
  });
});
