import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseCookie, stringifySetCookie } from "cookie";
import { LRUCache } from "lru-cache";
import type { ZodType } from "zod";
import { type ClientInfo, NO_CLIENT } from "../../application/account/startSession.js";
import { IDEMPOTENCY_HEADER } from "../api/idempotency.js";
import { type Language, languageOf } from "../api/language.js";
import { noteOnline } from "../api/presence.js";
import { ApiFailure } from "../api/run.js";
import { resolveSession } from "../api/session.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { trpcErrorOf } from "./errorCodes.js";
import { procedures } from "./procedures.js";
import type { Context, SessionCookie } from "./trpc.js";

/**
 * `__Host-`: the browser keeps the cookie only if it is Secure, for Path=/ and without a Domain, so no
 * sibling subdomain or plain-HTTP page can set or shadow it. Local development over plain HTTP cannot use the
 * prefix (the cookie would be dropped) and uses the bare name.
 */
export const SESSION_COOKIE = "__Host-dongne_session";
export const LOCAL_SESSION_COOKIE = "dongne_session";
export const sessionCookieName = (secure: boolean) => (secure ? SESSION_COOKIE : LOCAL_SESSION_COOKIE);

// Each procedure's one input schema, looked up when an input issue is worded in English.
let inputSchemas: ReadonlyMap<string, ZodType> | undefined;
const inputSchemaOf = (path: string) => {
  inputSchemas ??= new Map(procedures().flatMap((p) => (p.inputs.length === 1 ? [[p.name, p.inputs[0] as ZodType] as const] : [])));
  return inputSchemas.get(path);
};

const noCookie: SessionCookie = { set: () => {}, clear: () => {} };

const sessionUser = (runtime: AppRuntime, token: string) =>
  resolveSession(runtime, token).catch((error: unknown) => {
    throw error instanceof ApiFailure ? trpcErrorOf(error) : error;
  });

/** A context without HTTP: the same resolution of the token, for createCaller tests and workers. */
export const createInnerContext = async (deps: {
  readonly runtime: AppRuntime;
  readonly logger: Logger;
  readonly token?: string | null;
  readonly cookie?: SessionCookie;
  readonly readYourWrites: ReadYourWrites;
  readonly language?: Language;
  readonly client?: ClientInfo;
  readonly idempotencyKey?: string | null;
}): Promise<Context> => {
  const token = deps.token ?? null;
  const session = token ? await sessionUser(deps.runtime, token) : null;
  if (session) noteOnline(deps.runtime, session.userId);
  return {
    runtime: deps.runtime,
    logger: deps.logger,
    token: session ? token : null,
    userId: session?.userId ?? null,
    sessionId: session?.id ?? null,
    cookie: deps.cookie ?? noCookie,
    readYourWrites: deps.readYourWrites,
    ...(deps.language ? { language: deps.language } : {}),
    client: deps.client ?? NO_CLIENT,
    idempotencyKey: deps.idempotencyKey ?? null,
    inputSchemaOf,
  };
};

/** Address and user agent, hashed: nothing personal is kept, and repeat views by one client count once. */
// Recent clients' keys, so a client's every request does not hash again.
const clientKeys = new LRUCache<string, string>({ max: 10_000 });
export const clientKeyOf = (req: IncomingMessage) => {
  const client = `${req.socket.remoteAddress ?? ""}|${req.headers["user-agent"] ?? ""}`;
  let key = clientKeys.get(client);
  if (key === undefined) {
    key = createHash("sha256").update(client).digest("base64url").slice(0, 22);
    clientKeys.set(client, key);
  }
  return key;
};

const headerValue = (value: string | string[] | undefined) =>
  Array.isArray(value) ? (value.length === 1 ? (value[0] ?? null) : "") : (value ?? null);

/** The session cookie a request carries, if any. */
export const sessionCookieOf = (req: IncomingMessage, secure: boolean) =>
  req.headers.cookie ? (parseCookie(req.headers.cookie)[sessionCookieName(secure)] ?? null) : null;

export const bearer = (header: string | undefined) => {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
};

/** The session travels as an HTTP-only cookie (browsers) or a bearer token (other clients). */
export const createHttpContext =
  (deps: {
    readonly runtime: AppRuntime;
    readonly logger: Logger;
    readonly metrics?: Metrics;
    readonly cookieSecure: boolean;
    readonly readYourWrites: ReadYourWrites;
    readonly clientAddress?: (req: IncomingMessage) => string | null;
  }) =>
  ({ req, res }: { req: IncomingMessage; res: ServerResponse }) => {
    const SESSION_COOKIE = sessionCookieName(deps.cookieSecure);
    const fromCookie = sessionCookieOf(req, deps.cookieSecure);
    const client: ClientInfo = {
      address: deps.clientAddress ? deps.clientAddress(req) : (req.socket?.remoteAddress ?? null),
      userAgent: req.headers["user-agent"] ?? null,
    };
    const cookie: SessionCookie = {
      set: (token, expiresAt) =>
        res.appendHeader(
          "Set-Cookie",
          stringifySetCookie({
            name: SESSION_COOKIE,
            value: token,
            httpOnly: true,
            sameSite: "lax",
            secure: deps.cookieSecure,
            path: "/",
            expires: expiresAt,
          }),
        ),
      clear: () =>
        res.appendHeader(
          "Set-Cookie",
          stringifySetCookie({
            name: SESSION_COOKIE,
            value: "",
            httpOnly: true,
            sameSite: "lax",
            secure: deps.cookieSecure,
            path: "/",
            expires: new Date(0),
          }),
        ),
    };
    const language = languageOf(req.headers["accept-language"]);
    const context = createInnerContext({
      ...deps,
      token: bearer(req.headers.authorization) ?? fromCookie,
      cookie,
      client,
      language,
      idempotencyKey: headerValue(req.headers[IDEMPOTENCY_HEADER]),
    }).then((c) => ({ ...c, clientKey: clientKeyOf(req) }));
    const metrics = deps.metrics;
    if (!metrics) return context;
    return context.then((c) => ({ ...c, onUnavailable: (dependency: string) => metrics.dependencyUnavailable.inc({ dependency }) }));
  };
