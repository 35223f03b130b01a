import { Layer, ManagedRuntime } from "effect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { makeInMemorySearchDocuments } from "../../src/adapters/in-memory/InMemorySearchDocuments.js";
import type { AppRuntime } from "../../src/app/layers.js";
import { machineDatabase, pgAppLayer, type TestDatabase } from "../support/postgres.js";
import { assertHandled, type FuzzWorld, inputsFor, makeWorld, procedurePaths } from "./inputFuzz.js";

// PostgreSQL is what rejects NUL in text and a non-uuid behind ::uuid: a smaller sample of the same property there.
let db: TestDatabase;
let runtime: AppRuntime;
let world: FuzzWorld;
beforeAll(async () => {
  db = await machineDatabase();
  runtime = ManagedRuntime.make(Layer.merge(pgAppLayer(db.url, 4), makeInMemorySearchDocuments().layer));
  world = await makeWorld(runtime);
});
afterAll(async () => {
  await runtime?.dispose();
  await db?.drop();
});

describe("arbitrary input into every procedure (machine PostgreSQL)", () => {
  it.each(procedurePaths())("%s: a value or a typed error, never INTERNAL", async (path) => {
    await fc.assert(
      fc.asyncProperty(inputsFor(world, path), (input) => assertHandled(world, path, input)),
      { numRuns: 20 },
    );
  });
});
