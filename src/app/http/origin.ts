import type { IncomingMessage, ServerResponse } from "node:http";
import { GENERIC } from "../api/errorCatalogue.js";
import { bearer, sessionCookieOf } from "../trpc/context.js";

/** The headers a cross-origin client of an allowed origin may send (Idempotency-Key included). */
const ALLOWED_HEADERS = "content-type, authorization, idempotency-key, trpc-accept, x-trpc-source";
const PREFLIGHT_MAX_AGE_S = "600";

export interface OriginPolicy {
  /** Origins besides the service's own (ALLOWED_ORIGINS), as `scheme://host[:port]`. */
  readonly allowedOrigins: readonly string[];
  readonly cookieSecure: boolean;
}

const originOf = (value: string) => {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
};

/** The service's own origin: the Origin's host is the host the request was sent to. */
const isSameOrigin = (req: IncomingMessage, origin: string) => {
  try {
    return req.headers.host !== undefined && new URL(origin).host === req.headers.host.toLowerCase();
  } catch {
    return false;
  }
};

export const makeOriginPolicy = (policy: OriginPolicy) => {
  const allowed = new Set(policy.allowedOrigins.map(originOf).filter((o): o is string => o !== null));
  const isAllowed = (req: IncomingMessage, origin: string) => allowed.has(originOf(origin) ?? "") || isSameOrigin(req, origin);

  /**
   * CSRF: a write authenticated by the session cookie must come from the service's own pages or an allowed
   * origin — `Sec-Fetch-Site: same-origin`, or an allowed `Origin`. Every browser sends one of them on a
   * POST; a cookie without either is refused. Bearer-token clients are not exposed to CSRF and pass. A
   * browser's cross-site POST without a cookie (a login-CSRF attempt) is refused by its Origin too.
   */
  const crossSiteWrite = (req: IncomingMessage): boolean => {
    if (req.method !== "POST") return false;
    if (bearer(req.headers.authorization)) return false;
    const origin = req.headers.origin;
    const site = req.headers["sec-fetch-site"];
    if (site === "same-origin") return false;
    if (origin !== undefined && origin !== "null") return !isAllowed(req, origin);
    if (origin === "null") return true;
    if (site === "cross-site" || site === "same-site") return true;
    return sessionCookieOf(req, policy.cookieSecure) !== null;
  };

  /** CORS for allowed origins: the actual response's headers. */
  const corsHeaders = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    res.appendHeader("Vary", "Origin");
    if (origin === undefined || !allowed.has(originOf(origin) ?? "")) return;
    res.setHeader("Access-Control-Allow-Origin", origin);
    res.setHeader("Access-Control-Allow-Credentials", "true");
    res.setHeader("Access-Control-Expose-Headers", "Retry-After");
  };

  /** An OPTIONS preflight: 204 with what an allowed origin may do, 403 with a typed code for any other origin. */
  const preflight = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowed(req, origin)) return refuse(res, 403, GENERIC.ORIGIN_NOT_ALLOWED);
    corsHeaders(req, res);
    res.writeHead(204, {
      Allow: "GET, POST, OPTIONS",
      "Access-Control-Allow-Methods": "GET, POST",
      "Access-Control-Allow-Headers": ALLOWED_HEADERS,
      "Access-Control-Max-Age": PREFLIGHT_MAX_AGE_S,
    });
    res.end();
  };

  return { crossSiteWrite, corsHeaders, preflight };
};

/** A refusal at the edge, shaped like every tRPC error so clients read it the same way. */
export const refuse = (res: ServerResponse, status: number, entry: { readonly code: string; readonly message: string }) => {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(
    JSON.stringify({ error: { message: entry.message, code: -32003, data: { code: entry.code, httpStatus: status, fieldErrors: {} } } }),
  );
};
