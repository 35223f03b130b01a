import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseCookie, stringifySetCookie } from "cookie";
import type { UserId } from "../../domain/shared/ids.js";
import { ApiFailure } from "../api/run.js";
import { resolveSession } from "../api/session.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { trpcErrorOf } from "./errorCodes.js";
import type { Context, SessionCookie } from "./trpc.js";

export const SESSION_COOKIE = "dongne_session";

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
}): Promise<Context> => {
  const token = deps.token ?? null;
  const userId: UserId | null = token ? await sessionUser(deps.runtime, token) : null;
  return {
    runtime: deps.runtime,
    logger: deps.logger,
    token: userId ? token : null,
    userId,
    cookie: deps.cookie ?? noCookie,
    readYourWrites: deps.readYourWrites,
  };
};

/** Address and user agent, hashed: nothing personal is kept, and repeat views by one client count once. */
const clientKeyOf = (req: IncomingMessage) =>
  createHash("sha256")
    .update(`${req.socket.remoteAddress ?? ""}|${req.headers["user-agent"] ?? ""}`)
    .digest("base64url")
    .slice(0, 22);

const bearer = (header: string | undefined) => {
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
  }) =>
  ({ req, res }: { req: IncomingMessage; res: ServerResponse }) => {
    const fromCookie = req.headers.cookie ? (parseCookie(req.headers.cookie)[SESSION_COOKIE] ?? null) : null;
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
    const context = createInnerContext({ ...deps, token: bearer(req.headers.authorization) ?? fromCookie, cookie }).then((c) => ({
      ...c,
      clientKey: clientKeyOf(req),
    }));
    const metrics = deps.metrics;
    if (!metrics) return context;
    return context.then((c) => ({ ...c, onUnavailable: (dependency: string) => metrics.dependencyUnavailable.inc({ dependency }) }));
  };
