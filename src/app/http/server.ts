import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { checkReadiness } from "../../application/health/checkReadiness.js";
import { GENERIC, MAX_BATCH_SIZE } from "../api/errorCatalogue.js";
import { IDEMPOTENCY_HEADER } from "../api/idempotency.js";
import { ApiFailure } from "../api/run.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { makeRestTransport } from "../rest/http.js";
import { bearer, clientKeyOf, createHttpContext, sessionCookieOf } from "../trpc/context.js";
import { procedures } from "../trpc/procedures.js";
import { appRouter } from "../trpc/router.js";
import { makeWebApp } from "../web/index.js";
import { makeExportArchive } from "./exportArchive.js";
import { makeHotReads } from "./hotReads.js";
import { cacheControlFor, withEtag } from "./httpCache.js";
import { MEDIA_PREFIX, serveMedia } from "./media.js";
import type { MetricsAccess } from "./metricsAccess.js";
import { makeOriginPolicy, refuse } from "./origin.js";

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(JSON.stringify(body));
};

export interface HttpDeps {
  readonly runtime: AppRuntime;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly cookieSecure: boolean;
  readonly readYourWrites: ReadYourWrites;
  /** The web app's settings (canonical origin, bundle folder). */
  readonly web?: { readonly publicUrl?: string | undefined; readonly webDir?: string | undefined };
  /** Origins besides the service's own allowed to write with the session cookie and to call it cross-origin (CORS). */
  readonly allowedOrigins?: readonly string[];
  /** The client's address as the trusted-proxy setting decides (src/app/api/clientAddress.ts); else the socket's peer. */
  readonly clientAddress?: (req: IncomingMessage) => string | null;
  /** Who may read /metrics here (src/app/http/metricsAccess.ts); unset serves it to anyone (tests). */
  readonly metricsAccess?: MetricsAccess;
}

/** The subscriptions (SSE), by their path under /trpc/. */
const SUBSCRIPTIONS: ReadonlySet<string> = new Set(
  procedures()
    .filter((p) => p.kind === "subscription")
    .map((p) => p.name),
);

/** Each dependency check gets this long, so a hanging dependency cannot hang /readyz. */
const READINESS_TIMEOUT_MS = 1_000;

export interface HttpServer extends Server {
  /**
   * Stops accepting connections and lets the requests in flight finish, for at most `timeoutMs`;
   * then cuts the connections still open. Keep-alive connections are closed once idle.
   */
  readonly drain: (timeoutMs: number) => Promise<{ readonly drained: boolean; readonly cutRequests: number }>;
}

/** /trpc for the API, /healthz for liveness, /readyz for dependencies. */
export const makeHttpServer = (deps: HttpDeps): HttpServer => {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: createHttpContext(deps),
    maxBodySize: 1024 * 1024,
    allowBatching: true,
    // Beyond it the whole batch is refused unread (BATCH_TOO_LARGE): one URL or body cannot fan out into hundreds of calls.
    maxBatchSize: MAX_BATCH_SIZE,
    // Anonymous public queries may sit in a shared cache (with an ETag, see httpCache.ts); all else is private.
    // A limit says when to try again, in the header every HTTP client knows.
    responseMeta: ({ ctx, paths, type, errors }) => {
      const retry = errors.map((e) => (e.cause instanceof ApiFailure ? e.cause.retryAfterSeconds : undefined)).find((s) => s !== undefined);
      const cacheControl = cacheControlFor({ type, paths, errors, signedIn: Boolean(ctx?.userId) });
      return {
        headers: retry === undefined ? { "Cache-Control": cacheControl } : { "Cache-Control": cacheControl, "Retry-After": String(retry) },
      };
    },
    onError: ({ error, path }) => {
      // A use case's defect is logged once, where it happened, with its whole cause (`run` in src/app/api/run.ts).
      if (error.code === "INTERNAL_SERVER_ERROR" && !(error.cause instanceof ApiFailure))
        deps.logger.error({ path, err: error.cause ?? error }, "internal error");
    },
  });
  // REST under /api/v1, /openapi.json and /docs (src/app/rest/).
  const rest = makeRestTransport(deps);
  const exportArchive = makeExportArchive({ runtime: deps.runtime, logger: deps.logger, cookieSecure: deps.cookieSecure });
  const web = makeWebApp({ ...deps, ...deps.web });
  const origins = makeOriginPolicy({ allowedOrigins: deps.allowedOrigins ?? [], cookieSecure: deps.cookieSecure });
  let reported = "";
  const readiness = async (res: ServerResponse) => {
    const result = await deps.runtime.runPromise(checkReadiness(READINESS_TIMEOUT_MS));
    // Probes come every few seconds: log a change, not every answer.
    const summary = `${result.status} ${JSON.stringify(result.checks)}`;
    if (summary !== reported && result.status !== "ready") deps.logger.warn({ ...result }, `readiness: ${result.status}`);
    else if (summary !== reported) deps.logger.info({ checks: result.checks }, "readiness: ready");
    reported = summary;
    json(res, result.status === "unavailable" ? 503 : 200, { status: result.status, checks: result.checks });
  };
  // Public reads served from the cache's serialised bytes, to signed-in readers too where the bytes fit them (src/app/http/hotReads.ts).
  const hot = makeHotReads({
    runtime: deps.runtime,
    clientKey: clientKeyOf,
    sessionToken: (req) => bearer(req.headers.authorization) ?? sessionCookieOf(req, deps.cookieSecure),
    readYourWrites: deps.readYourWrites,
  });
  const inFlight = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    const draining = !server.listening;
    // While draining, every response closes its connection, so keep-alive clients cannot hold the server open.
    if (draining) res.setHeader("Connection", "close");
    inFlight.add(res);
    res.on("close", () => inFlight.delete(res));
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz") return json(res, 200, { status: "ok" });
    if (path === "/readyz" && draining) return json(res, 503, { status: "stopping" });
    if (path === "/readyz")
      return void readiness(res).catch((err: unknown) => {
        deps.logger.warn({ err }, "readiness check failed");
        json(res, 503, { status: "unavailable" });
      });
    const metricsAllowed = path === "/metrics" ? (deps.metricsAccess?.(req) ?? "allow") : "allow";
    if (path === "/metrics" && metricsAllowed === "deny") {
      res.setHeader("WWW-Authenticate", 'Bearer realm="metrics"');
      return json(res, 401, { error: { code: "UNAUTHORIZED", message: "인증이 필요해요." } });
    }
    if (path === "/metrics" && deps.metrics && metricsAllowed === "allow") {
      const registry = deps.metrics.registry;
      return void registry.metrics().then((text) => {
        res.writeHead(200, { "Content-Type": registry.contentType });
        res.end(text);
      });
    }
    if (path.startsWith("/trpc/") && req.method === "OPTIONS") return origins.preflight(req, res);
    if (path.startsWith("/trpc/") && origins.crossSiteWrite(req)) {
      deps.logger.warn(
        { url: req.url, origin: req.headers.origin, secFetchSite: req.headers["sec-fetch-site"] },
        "cross-site write refused",
      );
      return refuse(res, 403, GENERIC.CROSS_SITE_REQUEST);
    }
    if (path.startsWith("/trpc/")) origins.corsHeaders(req, res);
    // A key names one request: a batch of calls under one key cannot be replayed call by call.
    if (path.startsWith("/trpc/") && req.headers[IDEMPOTENCY_HEADER] !== undefined && /[?&]batch=1(&|$)/.test(req.url ?? ""))
      return refuse(res, 400, GENERIC.INVALID_IDEMPOTENCY_KEY);
    // A subscription's SSE stream goes out as it is written (withEtag would hold it until it ends).
    if (path.startsWith("/trpc/") && SUBSCRIPTIONS.has(path.slice("/trpc/".length))) return trpc(req, res);
    if (path.startsWith("/trpc/") && hot(req, res, path, () => trpc(req, withEtag(req, res)))) return;
    if (path.startsWith("/trpc/")) return trpc(req, withEtag(req, res));
    if (path.startsWith(MEDIA_PREFIX)) return serveMedia(deps, req, res);
    if (exportArchive(req, res, path)) return;
    if (rest(req, res, path)) return;
    if (web(req, res)) return;
    json(res, 404, { error: { code: "NOT_FOUND", message: "요청한 주소를 찾을 수 없어요." } });
  });
  const drain = (timeoutMs: number) =>
    new Promise<{ drained: boolean; cutRequests: number }>((resolve) => {
      const deadline = setTimeout(() => {
        const cutRequests = inFlight.size;
        server.closeAllConnections();
        resolve({ drained: false, cutRequests });
      }, timeoutMs);
      server.close(() => {
        clearTimeout(deadline);
        resolve({ drained: true, cutRequests: 0 });
      });
      for (const res of inFlight) {
        // A push stream never ends by itself: it is cut, and its client resumes elsewhere with Last-Event-ID.
        if (String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream")) res.destroy();
        else if (!res.headersSent) res.setHeader("Connection", "close");
        else res.once("finish", () => res.socket?.end());
      }
      server.closeIdleConnections();
    });
  return Object.assign(server, { drain });
};
