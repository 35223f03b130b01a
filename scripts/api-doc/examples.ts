import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { Layer, ManagedRuntime } from "effect";
import { Argon2PasswordHasher } from "../../src/adapters/crypto/Argon2PasswordHasher.js";
import { inMemoryPersistence } from "../../src/adapters/in-memory/index.js";
import { ZxcvbnCommonPasswords } from "../../src/adapters/password-list/ZxcvbnCommonPasswords.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { MAX_BATCH_SIZE } from "../../src/app/api/errorCatalogue.js";
import {
  type AppRuntime,
  inMemoryMedia,
  inMemoryWebhooks,
  noEngineAdmin,
  privacyPolicyLayer,
  withViewCounter,
} from "../../src/app/layers.js";
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

/** A failure any procedure may meet, with the code and status the router really answered it with. */
export interface Situation {
  readonly when: string;
  readonly code: string;
  readonly status: number;
  readonly message: string;
}

const HANGDONG = { lat: 33.4996, lng: 126.5312 };

/**
 * Requests whose answers do not depend on stored data, sent through tRPC's own request handling (the
 * fetch adapter: the same resolution as the service's HTTP adapter, with its batch limit, and no socket)
 * over the in-memory adapters. The document's examples and status codes are these answers, so they are
 * always the real ones.
 */
export const examples = async () => {
  const runtime: AppRuntime = ManagedRuntime.make(
    Layer.mergeAll(
      withViewCounter(inMemoryPersistence(loadJejuRegions())),
      noEngineAdmin,
      privacyPolicyLayer(),
      inMemoryWebhooks(),
      SystemClock,
      RandomIds,
      Argon2PasswordHasher(),
      ZxcvbnCommonPasswords,
      inMemoryMedia(),
    ),
  );
  const logger = makeLogger("silent");
  const readYourWrites = makeReadYourWrites(0);
  const send = async (procedures: string, options: { input?: unknown; batch?: boolean; post?: string; brokenContext?: true } = {}) => {
    const input = options.input === undefined ? undefined : JSON.stringify(options.input);
    const query = (encode: (json: string) => string) =>
      [options.batch ? "batch=1" : undefined, input === undefined ? undefined : `input=${encode(input)}`].filter(Boolean).join("&");
    const url = (encode: (json: string) => string) => `/trpc/${procedures}${query(encode) === "" ? "" : `?${query(encode)}`}`;
    const res = await fetchRequestHandler({
      endpoint: "/trpc",
      req: new Request(
        `http://localhost${url(encodeURIComponent)}`,
        options.post === undefined ? {} : { method: "POST", body: options.post },
      ),
      router: appRouter,
      maxBatchSize: MAX_BATCH_SIZE,
      createContext: async () => {
        if (options.brokenContext) throw new Error("a failure nobody expected");
        return createInnerContext({ runtime, logger, readYourWrites });
      },
    });
    return { request: `${options.post === undefined ? "GET" : "POST"} ${url((json) => json)}`, status: res.status, json: await res.json() };
  };
  const example = async (...args: Parameters<typeof send>): Promise<Example> => {
    const { request, status, json } = await send(...args);
    return { request, status, body: JSON.stringify(json, null, 2) };
  };
  const situation = async (when: string, ...args: Parameters<typeof send>): Promise<Situation> => {
    const { status, json } = await send(...args);
    const error = (json as { error?: { message: string; data: { code: string } } }).error;
    if (!error) throw new Error(`api-doc: expected an error when ${when}, got ${JSON.stringify(json)}`);
    return { when, code: error.data.code, status, message: error.message };
  };
  try {
    return {
      query: await example("region.locate", { input: HANGDONG }),
      batch: await example("region.locate,user.me", { input: { 0: HANGDONG }, batch: true }),
      invalidInput: await example("question.list", { input: { limit: 0 } }),
      situations: [
        await situation("the input breaks a rule listed with the procedure", "question.list", { input: { limit: 0 } }),
        await situation("text holds a control character or a lone surrogate", "search.suggest", { input: { prefix: "a\u0000" } }),
        await situation("the procedure needs a session and none valid was sent", "user.me"),
        await situation("no procedure has that name", "question.nope"),
        await situation("a mutation is sent by GET", "auth.logout"),
        await situation("a POST body is not JSON", "auth.login", { post: "email=a" }),
        await situation(
          `a batch holds more than ${MAX_BATCH_SIZE} calls`,
          Array(MAX_BATCH_SIZE + 1)
            .fill("region.list")
            .join(","),
          {
            batch: true,
          },
        ),
        await situation("anything unexpected (logged; no detail reaches the client)", "region.list", { brokenContext: true }),
      ],
    };
  } finally {
    await runtime.dispose();
  }
};
