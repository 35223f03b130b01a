import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { ClientInfo } from "../../application/account/startSession.js";
import { GENERIC, HTTP_STATUS } from "../api/errorCatalogue.js";
import { IDEMPOTENCY_HEADER } from "../api/idempotency.js";
import { localised, type Refusal } from "../api/inputErrors.js";
import { type Language, languageOf } from "../api/language.js";
import { ApiFailure } from "../api/run.js";
import { cacheControlFor } from "../http/httpCache.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { bearer, createInnerContext } from "../trpc/context.js";
import { appRouter } from "../trpc/router.js";
import { classify, createCallerFactory } from "../trpc/trpc.js";
import { decodeQuery } from "./query.js";
import { matchRoute, type RestRoute, restRoutes } from "./routes.js";

export interface RestDeps {
  readonly runtime: AppRuntime;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly readYourWrites: ReadYourWrites;
  /** The client's address as the trusted-proxy setting decides; else the socket's peer. */
  readonly clientAddress?: (req: IncomingMessage) => string | null;
}

/** A request as the transport needs it; the body is read by the HTTP adapter (at most MAX_BODY_BYTES). */
export interface RestRequest {
  readonly method: string;
  /** Path and query, as on the request line. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body?: Buffer | "too_large";
  /** The caller's address (as the trusted-proxy setting decides) and User-Agent, for sign-in limits and the device list. */
  readonly client?: ClientInfo;
}

export interface RestResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

export const MAX_BODY_BYTES = 1024 * 1024;

const createCaller = createCallerFactory(appRouter);

class Refused extends Error {
  constructor(
    readonly refusal: Refusal,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(refusal.entry.code);
  }
}

const refuse = (entry: Refusal["entry"], headers?: Readonly<Record<string, string>>) => new Refused({ entry, fieldErrors: {} }, headers);

const idempotencyKeyOf = (value: string | string[] | undefined) =>
  Array.isArray(value) ? (value.length === 1 ? (value[0] ?? null) : "") : (value ?? null);

const isJson = (contentType: string | undefined) => contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Path parameters, decoded; a malformed escape is the field's INVALID_INPUT. */
const pathInput = (route: RestRoute, raw: readonly string[]) =>
  Object.fromEntries(
    route.pathParams.map((name, i) => {
      try {
        return [name, decodeURIComponent(raw[i] ?? "")];
      } catch {
        throw new Refused({ entry: GENERIC.INVALID_INPUT, fieldErrors: { [name]: [GENERIC.INVALID_INPUT.message] } });
      }
    }),
  );

const bodyOf = (request: RestRequest): unknown => {
  if (request.body === "too_large") throw refuse(GENERIC.PAYLOAD_TOO_LARGE, { Connection: "close" });
  if (request.body === undefined || request.body.length === 0) return undefined;
  if (!isJson(request.headers["content-type"])) throw refuse(GENERIC.UNSUPPORTED_MEDIA_TYPE);
  try {
    return JSON.parse(request.body.toString("utf8"));
  } catch {
    throw refuse(GENERIC.INVALID_INPUT);
  }
};

/**
 * The procedure's input from the request: GET from the query string, POST from the JSON body, with the path's
 * parameters over both. No fields at all is "no input" where the procedure allows that, as on /trpc.
 */
const inputOf = (route: RestRoute, params: readonly string[], request: RestRequest, search: URLSearchParams): unknown => {
  const shape = route.input;
  if (shape === undefined) return undefined;
  const fromPath = pathInput(route, params);
  const sent = route.method === "GET" ? decodeQuery(shape.fields, search) : bodyOf(request);
  if (sent !== undefined && !isPlainObject(sent)) return sent;
  const input = { ...sent, ...fromPath };
  return Object.keys(input).length === 0 && shape.optional ? undefined : input;
};

const call = (caller: ReturnType<typeof createCaller>, name: string, input: unknown): Promise<unknown> => {
  const procedure = name.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (procedure as (input: unknown) => Promise<unknown>)(input);
};

/**
 * The REST transport: each route calls its tRPC procedure through a server-side caller, so a request takes the
 * very path a /trpc call takes (session lookup, `run` with the write gate and read-your-writes, the views, the
 * error catalogue). Only the envelope differs: the result is the body, an error is `{ error: { code, message,
 * fieldErrors } }` with the catalogue's HTTP status. Sessions come as bearer tokens only: no cookie is read or set.
 */
export const makeRestApi = (deps: RestDeps) => {
  const routes = restRoutes();
  const failure = (
    refusal: Refusal,
    language: Language,
    headers: Readonly<Record<string, string>>,
    zod?: Parameters<typeof localised>[2],
  ) => {
    const status = HTTP_STATUS[refusal.entry.kind];
    const extra: Record<string, string> = { ...headers };
    if (status === 401) extra["WWW-Authenticate"] = 'Bearer realm="dongne"';
    return { status, headers: { "Content-Language": language, ...extra }, body: { error: localised(refusal, language, zod) } };
  };
  return async (request: RestRequest): Promise<RestResponse> => {
    const language = languageOf(request.headers["accept-language"]);
    const [path = "/", query = ""] = request.url.split(/\?(.*)/s);
    const found = matchRoute(routes, request.method, path);
    if (found === undefined) return failure({ entry: GENERIC.NOT_FOUND, fieldErrors: {} }, language, {});
    if ("allowed" in found)
      return failure({ entry: GENERIC.METHOD_NOT_SUPPORTED, fieldErrors: {} }, language, { Allow: found.allowed.join(", ") });
    const { route } = found;
    let input: unknown;
    try {
      input = inputOf(route, found.params, request, new URLSearchParams(query));
      const context = await createInnerContext({
        runtime: deps.runtime,
        logger: deps.logger,
        token: bearer(request.headers.authorization),
        readYourWrites: deps.readYourWrites,
        language,
        ...(request.client ? { client: request.client } : {}),
        idempotencyKey: idempotencyKeyOf(request.headers[IDEMPOTENCY_HEADER]),
      });
      const metrics = deps.metrics;
      const caller = createCaller(
        metrics ? { ...context, onUnavailable: (dependency: string) => metrics.dependencyUnavailable.inc({ dependency }) } : context,
      );
      const result = await call(caller, route.procedure.name, input);
      // The same caching as /trpc: an anonymous public read may sit in a shared cache (the ETag is added in http.ts).
      const cacheControl = cacheControlFor({
        type: request.method === "GET" ? route.procedure.kind : "mutation",
        paths: [route.procedure.name],
        errors: [],
        signedIn: context.userId !== null,
      });
      return { status: 200, headers: { "Cache-Control": cacheControl }, body: result };
    } catch (error) {
      if (error instanceof Refused) return failure(error.refusal, language, error.headers);
      // A limit says when to try again, in the header every HTTP client knows (as on /trpc).
      const retry = error instanceof TRPCError && error.cause instanceof ApiFailure ? error.cause.retryAfterSeconds : undefined;
      const trpcError = error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
      const refusal = classify(trpcError);
      // A use case's defect was logged where it happened (`run`); anything else unexpected is logged here, once.
      if (refusal.entry === GENERIC.INTERNAL && !(trpcError.cause instanceof ApiFailure))
        deps.logger.error({ path: route.procedure.name, err: trpcError.cause ?? trpcError }, "internal error");
      const zod =
        trpcError.cause instanceof ZodError ? { error: trpcError.cause, schema: route.procedure.inputs[0], value: input } : undefined;
      return failure(refusal, language, retry === undefined ? {} : { "Retry-After": String(retry) }, zod);
    }
  };
};
