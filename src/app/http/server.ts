import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { RegionRepository } from "../../application/ports/RegionRepository.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { createHttpContext } from "../trpc/context.js";
import { MAX_BATCH_SIZE } from "../trpc/errorTable.js";
import { appRouter } from "../trpc/router.js";
import { ReportedDefect } from "../trpc/trpc.js";

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

/** /trpc for the API, /healthz for liveness, /readyz for dependencies. */
export const makeHttpServer = (deps: HttpDeps): Server => {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: createHttpContext(deps),
    maxBodySize: 1024 * 1024,
    allowBatching: true,
    // Beyond it the whole batch is refused unread (BATCH_TOO_LARGE): one URL or body cannot fan out into hundreds of calls.
    maxBatchSize: MAX_BATCH_SIZE,
    onError: ({ error, path }) => {
      // A use case's defect is logged once, where it happened, with its whole cause (trpc.ts `run`).
      if (error.code === "INTERNAL_SERVER_ERROR" && !(error.cause instanceof ReportedDefect))
        deps.logger.error({ path, err: error.cause ?? error }, "internal error");
    },
  });
  const ready = async () => {
    await deps.runtime.runPromise(RegionRepository.use((r) => r.catalog));
  };
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.on("finish", () => {
      deps.logger.debug(
        { method: req.method, url: req.url, status: res.statusCode, ms: Math.round(performance.now() - started) },
        "request",
      );
    });
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path === "/healthz") return json(res, 200, { status: "ok" });
    if (path === "/readyz")
      return void ready().then(
        () => json(res, 200, { status: "ready" }),
        (err: unknown) => {
          deps.logger.warn({ err }, "not ready");
          json(res, 503, { status: "unavailable" });
        },
      );
    if (path === "/metrics" && deps.metrics) {
      const registry = deps.metrics.registry;
      return void registry.metrics().then((text) => {
        res.writeHead(200, { "Content-Type": registry.contentType });
        res.end(text);
      });
    }
    if (path.startsWith("/trpc/")) return trpc(req, res);
    json(res, 404, { error: { code: "NOT_FOUND", message: "요청한 주소를 찾을 수 없어요." } });
  });
};
