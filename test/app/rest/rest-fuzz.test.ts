import { Layer, ManagedRuntime } from "effect";
import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { RandomIds } from "../../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../../src/adapters/system/SystemClock.js";
import type { AppRuntime } from "../../../src/app/layers.js";
import { makeLogger } from "../../../src/app/logger.js";
import { makeReadYourWrites } from "../../../src/app/readYourWrites.js";
import { makeRestApi, type RestRequest } from "../../../src/app/rest/api.js";
import { restRoutes } from "../../../src/app/rest/routes.js";
import { inMemoryApp, TestPasswordHasher } from "../../support/testLayer.js";
import { type FuzzWorld, inputsFor, makeWorld } from "../inputFuzz.js";
import { assertRestHandled, encode, rawRequests } from "./restFuzz.js";

const runtime: AppRuntime = ManagedRuntime.make(Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher));
const api = makeRestApi({ runtime, logger: makeLogger("silent"), readYourWrites: makeReadYourWrites(0) });
let world: FuzzWorld;
beforeAll(async () => {
  world = await makeWorld(runtime);
});
afterAll(() => runtime.dispose());

const language = fc.constantFrom("ko" as const, "en" as const);

// Logging out ends a session: that route gets a session of its own each time, so the world's stays valid.
const tokenFor = async (route: (typeof routes)[number]) => {
  if (route.procedure.name !== "auth.logout") return world.token;
  const body = Buffer.from(JSON.stringify({ email: world.email, password: world.password }));
  const r = await api({ method: "POST", url: "/api/v1/auth/login", headers: { "content-type": "application/json" }, body });
  return (r.body as { token: string }).token;
};

const send = async (route: (typeof routes)[number], lang: "ko" | "en", parts: { url: string; body?: Buffer; contentType?: string }) => {
  const request: RestRequest = {
    method: route.method,
    url: parts.url,
    headers: {
      authorization: `Bearer ${await tokenFor(route)}`,
      "accept-language": lang,
      ...(parts.body ? { "content-type": parts.contentType ?? "application/json" } : {}),
    },
    ...(parts.body ? { body: parts.body } : {}),
  };
  assertRestHandled(request, await api(request), lang);
};

const routes = restRoutes();

describe("arbitrary requests on every REST route (in-memory adapters)", () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s: shaped input → a value or a typed error, never 500",
    async (_, route) => {
      await fc.assert(
        fc.asyncProperty(inputsFor(world, route.procedure.name), language, (input, lang) => send(route, lang, encode(route, input))),
        { numRuns: 30 },
      );
    },
  );

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))("%s: raw query, path and body → never 500", async (_, route) => {
    await fc.assert(
      fc.asyncProperty(rawRequests(route), language, (parts, lang) => send(route, lang, parts)),
      { numRuns: 20 },
    );
  });
});
