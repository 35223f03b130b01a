import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

/** An incoming request id is kept when it is a plausible one (a proxy's or a client's), else replaced. */
const VALID_ID = /^[\w.:@/+=-]{1,128}$/;

const ROUTES = new Set(["/healthz", "/readyz", "/metrics"]);

/** The procedures a request names: each of a tRPC batch; routes outside tRPC by path; anything else "other" (bounded labels). */
export const proceduresOf = (path: string, known: ReadonlySet<string>): string[] => {
  if (ROUTES.has(path)) return [path];
  if (!path.startsWith("/trpc/")) return ["other"];
  return path
    .slice("/trpc/".length)
    .split(",")
    .map((p) => (known.has(p) ? p : "unknown"));
};

/**
 * Per request: the request id (an incoming `x-request-id` is kept, else a new UUID; echoed in the
 * response), one access-log line when the response ends (or the client goes away), and the request
 * counter and latency histogram per procedure and status. Attached before the server's own handler.
 */
export const observeRequests = (deps: { readonly logger: Logger; readonly metrics: Metrics; readonly procedures: ReadonlySet<string> }) => {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && VALID_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader("X-Request-Id", id);
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    let done = false;
    const finish = (aborted: boolean) => {
      if (done) return;
      done = true;
      const seconds = (performance.now() - started) / 1000;
      const status = aborted && !res.writableFinished ? "aborted" : String(res.statusCode);
      const procedures = proceduresOf(path, deps.procedures);
      for (const procedure of procedures) {
        deps.metrics.httpRequests.inc({ procedure, status });
        deps.metrics.httpDuration.observe({ procedure, status }, seconds);
      }
      // The query string is left out: tRPC GET inputs carry what users typed.
      deps.logger.info(
        {
          reqId: id,
          method: req.method,
          path,
          status,
          ms: Math.round(seconds * 1000),
          bytes: Number(res.getHeader("content-length") ?? 0) || undefined,
          remote: req.socket.remoteAddress,
          ua: req.headers["user-agent"],
        },
        "access",
      );
    };
    res.once("finish", () => finish(false));
    res.once("close", () => finish(true));
  };
};
