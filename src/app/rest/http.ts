import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { GENERIC } from "../api/errorCatalogue.js";
import { MAX_BODY_BYTES, makeRestApi, type RestDeps } from "./api.js";
import { DOCS_CSP, DOCS_PATH, docsAsset } from "./docs.js";
import { REST_BASE } from "./routes.js";

export const OPENAPI_PATH = "/openapi.json";

const internalError = { error: { code: GENERIC.INTERNAL.code, message: GENERIC.INTERNAL.message, fieldErrors: {} } };

const VERSION = (JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }).version;

/** The body, up to MAX_BODY_BYTES; past that the rest is not kept. */
const readBody = (req: IncomingMessage) =>
  new Promise<Buffer | "too_large">((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY_BYTES ? "too_large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });

const send = (res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: string | Buffer) => {
  res.writeHead(status, headers);
  res.end(body);
};

const ifNoneMatches = (header: string | undefined, etag: string) =>
  header?.split(",").some((t) => t.trim() === etag || t.trim() === "*") ?? false;

const gzipAccepted = (req: IncomingMessage) => /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));

/**
 * REST under /api/v1, its OpenAPI document at /openapi.json and the interactive reference at /docs. Returns false
 * for any other path, which the server then routes on.
 */
export const makeRestTransport = (deps: RestDeps) => {
  const api = makeRestApi(deps);
  let document: Promise<string> | undefined;
  // A document or asset that cannot be built (a broken install) is logged and answered INTERNAL, never thrown at the server.
  const failed = (res: ServerResponse, err: unknown) => {
    deps.logger.error({ err }, "REST document or docs asset failed");
    send(res, 500, { "Content-Type": "application/json; charset=utf-8" }, JSON.stringify(internalError));
    return null;
  };
  return (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    const isDocs = path === OPENAPI_PATH || path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`);
    if (isDocs && req.method !== "GET" && req.method !== "HEAD") {
      const { code, message } = GENERIC.METHOD_NOT_SUPPORTED;
      send(
        res,
        405,
        { "Content-Type": "application/json; charset=utf-8", Allow: "GET, HEAD" },
        JSON.stringify({ error: { code, message, fieldErrors: {} } }),
      );
      return true;
    }
    if (path === OPENAPI_PATH) {
      // Generated on the first request (tests hold it valid), and its generator loaded only then: starting costs nothing for it.
      document ??= import("./openapi.js").then(({ openApiDocument }) => JSON.stringify(openApiDocument(VERSION)));
      void document.then(
        (text) => send(res, 200, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache" }, text),
        (err: unknown) => failed(res, err),
      );
      return true;
    }
    if (path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`)) {
      let asset: ReturnType<typeof docsAsset> | null;
      try {
        asset = docsAsset(path);
      } catch (err) {
        asset = failed(res, err);
      }
      if (asset === null) return true;
      if (!asset) return false;
      const gzip = gzipAccepted(req);
      send(
        res,
        200,
        {
          "Content-Type": asset.type,
          "Cache-Control": "no-cache",
          "Content-Security-Policy": DOCS_CSP,
          Vary: "Accept-Encoding",
          ...(gzip ? { "Content-Encoding": "gzip" } : {}),
        },
        gzip ? asset.gzipped : asset.body,
      );
      return true;
    }
    if (path !== REST_BASE && !path.startsWith(`${REST_BASE}/`)) return false;
    void (async () => {
      const body = req.method === "POST" ? await readBody(req) : undefined;
      const response = await api({
        method: req.method ?? "GET",
        url: req.url ?? path,
        headers: req.headers,
        body,
        client: {
          address: deps.clientAddress ? deps.clientAddress(req) : (req.socket?.remoteAddress ?? null),
          userAgent: req.headers["user-agent"] ?? null,
        },
      });
      const headers: Record<string, string> = {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
        ...response.headers,
      };
      const text = JSON.stringify(response.body);
      // A public answer gets a weak ETag of its body, and a client that has it gets 304 (as on /trpc).
      if (response.status === 200 && headers["Cache-Control"]?.startsWith("public")) {
        const etag = `W/"${createHash("sha1").update(text).digest("base64url")}"`;
        headers.ETag = etag;
        headers.Vary = "Authorization";
        if (ifNoneMatches(req.headers["if-none-match"], etag)) {
          delete headers["Content-Type"];
          return send(res, 304, headers, "");
        }
      }
      send(res, response.status, headers, text);
    })().catch((err: unknown) => {
      // Only a broken connection gets here (the API answers every failure itself).
      deps.logger.warn({ err, path }, "REST request failed");
      res.destroy();
    });
    return true;
  };
};
