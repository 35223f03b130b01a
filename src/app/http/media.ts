import type { IncomingMessage, ServerResponse } from "node:http";
import { Effect } from "effect";
import { Clock } from "../../application/ports/Clock.js";
import { type EndpointReply, MediaEndpoint } from "../../application/ports/MediaStore.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";

export const MEDIA_PREFIX = "/media/";

const send = (res: ServerResponse, reply: EndpointReply) => {
  res.writeHead(reply.status, { "Cache-Control": "no-store", ...reply.headers });
  res.end(reply.body ?? undefined);
};

const lengthOf = (header: string | undefined) => (header !== undefined && /^\d{1,9}$/.test(header) ? Number(header) : undefined);

/**
 * The local object store's signed URLs (see MediaEndpoint): PUT an upload, GET a processed image. With
 * S3 configured, clients go to the bucket and this answers 404.
 */
export const serveMedia = (deps: { readonly runtime: AppRuntime; readonly logger: Logger }, req: IncomingMessage, res: ServerResponse) => {
  const url = new URL(req.url ?? "/", "http://local");
  // Object keys are plain ASCII; anything percent-encoded is no key of ours (and may not even decode).
  const objectKey = url.pathname.slice(MEDIA_PREFIX.length);
  const handle = Effect.gen(function* () {
    const endpoint = yield* MediaEndpoint;
    const now = yield* (yield* Clock).now;
    if (req.method === "PUT") {
      const request = { contentType: req.headers["content-type"], contentLength: lengthOf(req.headers["content-length"]), now };
      return yield* endpoint.upload(objectKey, url.searchParams, request, req);
    }
    if (req.method === "GET" || req.method === "HEAD") return yield* endpoint.download(objectKey, url.searchParams, now);
    return { status: 405, headers: { Allow: "GET, HEAD, PUT" } };
  });
  deps.runtime.runPromise(handle).then(
    (reply) => send(res, req.method === "HEAD" ? { ...reply, body: undefined } : reply),
    (err: unknown) => {
      deps.logger.warn({ err, path: url.pathname }, "media request failed");
      const body = new TextEncoder().encode(
        JSON.stringify({ error: { code: "TEMPORARILY_UNAVAILABLE", message: "잠시 후 다시 시도해 주세요." } }),
      );
      if (!res.headersSent) send(res, { status: 503, body, headers: { "Content-Type": "application/json; charset=utf-8" } });
      else res.destroy();
    },
  );
};
