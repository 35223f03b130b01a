import { Layer, ManagedRuntime } from "effect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { makeInMemorySearchDocuments } from "../../../src/adapters/in-memory/InMemorySearchDocuments.js";
import type { AppRuntime } from "../../../src/app/layers.js";
import { makeLogger } from "../../../src/app/logger.js";
import { makeReadYourWrites } from "../../../src/app/readYourWrites.js";
import { makeRestApi } from "../../../src/app/rest/api.js";
import { restRoutes } from "../../../src/app/rest/routes.js";
import { machineDatabase, pgAppLayer, type TestDatabase } from "../../support/postgres.js";
import { type FuzzWorld, inputsFor, makeWorld } from "../inputFuzz.js";
import { encode, languages, rawRequests, sendFuzzed } from "./restFuzz.js";

// What the query string turns into (numbers, arrays, JSON) reaches PostgreSQL too: a small sample of the same property there.
let db: TestDatabase;
let runtime: AppRuntime;
let world: FuzzWorld;
let api: ReturnType<typeof makeRestApi>;
beforeAll(async () => {
  db = await machineDatabase();
  runtime = ManagedRuntime.make(Layer.merge(pgAppLayer(db.url, 4), makeInMemorySearchDocuments().layer));
  api = makeRestApi({ runtime, logger: makeLogger("silent"), readYourWrites: makeReadYourWrites(0) });
  world = await makeWorld(runtime);
});
afterAll(async () => {
  await runtime?.dispose();
  await db?.drop();
});

describe("arbitrary requests on every REST route (machine PostgreSQL)", () => {
  it.each(restRoutes().map((r) => [`${r.method} ${r.path}`, r] as const))("%s: never a 500", async (_, route) => {
    const request = fc.oneof(
      inputsFor(world, route.procedure.name).map((input) => encode(route, input)),
      rawRequests(route),
    );
    await fc.assert(
      fc.asyncProperty(request, languages, (parts, lang) => sendFuzzed(api, world, route, lang, parts)),
      { numRuns: 15 },
    );
  });
});
