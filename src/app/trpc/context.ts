import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { parseCookie, stringifySetCookie } from "cookie";
import { Cause, Exit } from "effect";
import { authenticate } from "../../application/account/authenticate.js";
import { DependencyUnavailable } from "../../application/errors.js";
import type { UserId } from "../../domain/shared/ids.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { GENERIC } from "./errorTable.js";
import type { Context, SessionCookie } from "./trpc.js";

export const SESSION_COOKIE = "dongne_session";

const noCookie: SessionCookie = { set: () => {}, clear: () => {} };

/** The session's user; a session store that is down is a 503 (try again), not a 500. */
const resolveSession = async (runtime: AppRuntime, token: string) => {
  const exit = await runtime.runPromiseExit(authenticate(token));
  if (Exit.isSuccess(exit)) return exit.value;
  const error = Cause.squash(exit.cause);
  if (error instanceof DependencyUnavailable) throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: GENERIC.UNAVAILABLE.message });
  throw error;
};

/** A context without HTTP: the same resolution of the token, for createCaller tests and workers. */
export const createInnerContext = async (deps: {
  readonly runtime: AppRuntime;
  readonly logger: Logger;
  readonly token?: string | null;
  readonly cookie?: SessionCookie;
  readonly readYourWrites: ReadYourWrites;
}): Promise<Context> => {
  const token = deps.token ?? null;
  const userId: UserId | null = token ? ((await resolveSession(deps.runtime, token)) ?? null) : null;
  return {
    runtime: deps.runtime,
    logger: deps.logger,
    token: userId ? token : null,
    userId,
    cookie: deps.cookie ?? noCookie,
    readYourWrites: deps.readYourWrites,
  };
};

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
    const context = createInnerContext({ ...deps, token: bearer(req.headers.authorization) ?? fromCookie, cookie });
    const metrics = deps.metrics;
    if (!metrics) return context;
    return context.then((c) => ({ ...c, onUnavailable: (dependency: string) => metrics.dependencyUnavailable.inc({ dependency }) }));
  };
