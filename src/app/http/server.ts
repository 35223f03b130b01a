import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { checkReadiness } from "../../application/health/checkReadiness.js";
import { MAX_BATCH_SIZE } from "../api/errorCatalogue.js";
import { ApiFailure } from "../api/run.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { createHttpContext } from "../trpc/context.js";
import { appRouter } from "../trpc/router.js";
import { cacheControlFor, withEtag } from "./httpCache.js";

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
}

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
    responseMeta: ({ ctx, paths, type, errors }) => ({
      headers: { "Cache-Control": cacheControlFor({ type, paths, errors, signedIn: Boolean(ctx?.userId) }) },
    }),
    onError: ({ error, path }) => {
      // A use case's defect is logged once, where it happened, with its whole cause (`run` in src/app/api/run.ts).
      if (error.code === "INTERNAL_SERVER_ERROR" && !(error.cause instanceof ApiFailure))
        deps.logger.error({ path, err: error.cause ?? error }, "internal error");
    },
  });
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
  const inFlight = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    res.setHeader("X-Content-Type-Options", "nosniff");
    const draining = !server.listening;
    // While draining, every response closes its connection, so keep-alive clients cannot hold the server open.
    if (draining) res.setHeader("Connection", "close");
    inFlight.add(res);
    res.on("close", () => inFlight.delete(res));
    res.on("finish", () => {
      deps.logger.debug(
        { method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) },
        "request",
      );
    });
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz") return json(res, 200, { status: "ok" });
    if (path === "/readyz" && draining) return json(res, 503, { status: "stopping" });
    if (path === "/readyz")
      return void readiness(res).catch((err: unknown) => {
        deps.logger.warn({ err }, "readiness check failed");
        json(res, 503, { status: "unavailable" });
      });
    if (path === "/metrics" && deps.metrics) {
      const registry = deps.metrics.registry;
      return void registry.metrics().then((text) => {
        res.writeHead(200, { "Content-Type": registry.contentType });
        res.end(text);
      });
    }
    if (path.startsWith("/trpc/")) return trpc(req, withEtag(req, res));
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
        if (!res.headersSent) res.setHeader("Connection", "close");
        else res.once("finish", () => res.socket?.end());
      }
      server.closeIdleConnections();
    });
  return Object.assign(server, { drain });
};
