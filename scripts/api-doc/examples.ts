import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { Layer, ManagedRuntime } from "effect";
import { Argon2PasswordHasher } from "../../src/adapters/crypto/Argon2PasswordHasher.js";
import { inMemoryPersistence } from "../../src/adapters/in-memory/index.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import type { AppRuntime } from "../../src/app/layers.js";
import { makeLogger } from "../../src/app/logger.js";
import { makeReadYourWrites } from "../../src/app/readYourWrites.js";
import { createInnerContext } from "../../src/app/trpc/context.js";
import { appRouter } from "../../src/app/trpc/router.js";

/** A request as a reader would type it (input unencoded), and what the router really answered. */
export interface Example {
  readonly request: string;
  readonly status: number;
  readonly body: string;
}

const HANGDONG = { lat: 33.4996, lng: 126.5312 };

/**
 * Requests whose answers do not depend on stored data, sent through tRPC's own request handling (the
 * fetch adapter: the same resolution as the service's HTTP adapter, with no socket) over the in-memory
 * adapters. The document's examples are these answers, so they are always the real ones.
 */
export const examples = async () => {
  const runtime: AppRuntime = ManagedRuntime.make(
    Layer.mergeAll(inMemoryPersistence(loadJejuRegions()), SystemClock, RandomIds, Argon2PasswordHasher),
  );
  const logger = makeLogger("silent");
  const readYourWrites = makeReadYourWrites(0);
  const get = async (procedures: string, input?: unknown, batch = false) => {
    const query = [batch ? "batch=1" : undefined, input === undefined ? undefined : `input=${JSON.stringify(input)}`].filter(Boolean);
    const request = `GET /trpc/${procedures}${query.length > 0 ? `?${query.join("&")}` : ""}`;
    const encoded = query.map((q) => q?.replace(/^input=(.*)$/, (_, json: string) => `input=${encodeURIComponent(json)}`));
    const res = await fetchRequestHandler({
      endpoint: "/trpc",
      req: new Request(`http://localhost/trpc/${procedures}${encoded.length > 0 ? `?${encoded.join("&")}` : ""}`),
      router: appRouter,
      createContext: () => createInnerContext({ runtime, logger, readYourWrites }),
    });
    return { request, status: res.status, body: JSON.stringify(await res.json(), null, 2) } satisfies Example;
  };
  try {
    return {
      query: await get("region.locate", HANGDONG),
      batch: await get("region.locate,user.me", { 0: HANGDONG }, true),
      invalidInput: await get("question.list", { limit: 0 }),
    };
  } finally {
    await runtime.dispose();
  }
};
