import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Public queries an anonymous caller may have served by a shared cache (a CDN, the seed's L3), and for
 * how long, in seconds. Everything else — mutations, signed-in callers, errors — is `private, no-store`.
 */
export const PUBLIC_QUERIES: Readonly<Record<string, number>> = {
  "question.get": 10,
  "question.list": 10,
  "question.nearby": 10,
  "region.list": 300,
  "region.stats": 60,
  "search.trending": 60,
};

export const PRIVATE = "private, no-store";

/** Cache-Control for one tRPC answer (a batch is as public as its least public call). */
export const cacheControlFor = (opts: {
  readonly type: string;
  readonly paths: readonly string[] | undefined;
  readonly errors: readonly unknown[];
  readonly signedIn: boolean;
}) => {
  if (opts.type !== "query" || opts.signedIn || opts.errors.length > 0 || !opts.paths?.length) return PRIVATE;
  const ages = opts.paths.map((p) => PUBLIC_QUERIES[p]);
  if (ages.some((a) => a === undefined)) return PRIVATE;
  const maxAge = Math.min(...(ages as number[]));
  return `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 6}`;
};

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch?.split(",").some((t) => t.trim() === etag || t.trim() === "*") ?? false;

/**
 * ETag and 304 for public GET answers: the body is held until it is complete, its digest becomes the
 * ETag, and a client (or CDN) that already has that version gets 304 with no body.
 */
export const withEtag = (req: IncomingMessage, res: ServerResponse): ServerResponse => {
  if (req.method !== "GET" && req.method !== "HEAD") return res;
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && chunk !== null) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    const cb = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    cb?.();
    return true;
  }) as ServerResponse["write"];
  res.end = ((chunk?: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function")
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
    const body = Buffer.concat(chunks);
    const cacheControl = String(res.getHeader("Cache-Control") ?? "");
    if (res.statusCode === 200 && cacheControl.startsWith("public") && !res.headersSent) {
      const etag = `W/"${createHash("sha1").update(body).digest("base64url")}"`;
      res.setHeader("ETag", etag);
      res.setHeader("Vary", "Authorization, Cookie");
      if (matches(req.headers["if-none-match"], etag)) {
        res.statusCode = 304;
        res.removeHeader("Content-Type");
        res.removeHeader("Content-Length");
        return end();
      }
    }
    if (body.length > 0) write(body);
    return end();
  }) as ServerResponse["end"];
  return res;
};
