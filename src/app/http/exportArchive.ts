import type { IncomingMessage, ServerResponse } from "node:http";
import { Cause, Effect, Exit } from "effect";
import { type Zippable, zipSync } from "fflate";
import { DependencyUnavailable } from "../../application/errors.js";
import { ReadFromPrimary } from "../../application/ports/ReadConsistency.js";
import { exportImages } from "../../application/privacy/exportImages.js";
import { GENERIC } from "../api/errorCatalogue.js";
import { EXPORT_IMAGES_PATH } from "../api/privacyViews.js";
import { ApiFailure } from "../api/run.js";
import { resolveSession } from "../api/session.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import { bearer, sessionCookieOf } from "../trpc/context.js";

const fail = (res: ServerResponse, status: number, error: { readonly code: string; readonly message: string }) => {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "private, no-store" });
  res.end(JSON.stringify({ error: { code: error.code, message: error.message, fieldErrors: {} } }));
};

/**
 * GET EXPORT_IMAGES_PATH with a bearer token or the session cookie: a ZIP of the caller's images (stored,
 * not compressed: WebP is compressed already), `private, no-store`. Read from the primary: it follows the
 * caller's own writes.
 */
export const makeExportArchive =
  (deps: { readonly runtime: AppRuntime; readonly logger: Logger; readonly cookieSecure: boolean }) =>
  (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
    if (path !== EXPORT_IMAGES_PATH) return false;
    if (req.method !== "GET") {
      fail(res, 405, GENERIC.METHOD_NOT_SUPPORTED);
      return true;
    }
    const token = bearer(req.headers.authorization) ?? sessionCookieOf(req, deps.cookieSecure);
    void (async () => {
      try {
        const session = token ? await resolveSession(deps.runtime, token) : null;
        if (!session) return fail(res, 401, GENERIC.UNAUTHENTICATED);
        const exit = await deps.runtime.runPromiseExit(exportImages(session.userId).pipe(Effect.provideService(ReadFromPrimary, true)));
        if (Exit.isFailure(exit)) {
          const error = Cause.squash(exit.cause);
          if (error instanceof DependencyUnavailable) return fail(res, 503, GENERIC.UNAVAILABLE);
          if ((error as { _tag?: string })._tag === "UserNotFound") return fail(res, 401, GENERIC.UNAUTHENTICATED);
          throw error;
        }
        const files: Zippable = {};
        for (const f of exit.value) files[f.name] = [f.bytes, { level: 0 }];
        const archive = zipSync(files);
        res.writeHead(200, {
          "Content-Type": "application/zip",
          "Content-Disposition": 'attachment; filename="dongne-images.zip"',
          "Content-Length": String(archive.length),
          "Cache-Control": "private, no-store",
        });
        res.end(archive);
      } catch (err) {
        if (err instanceof ApiFailure && err.entry.code === GENERIC.UNAVAILABLE.code) return fail(res, 503, GENERIC.UNAVAILABLE);
        deps.logger.error({ err }, "image export failed");
        if (!res.headersSent) fail(res, 500, GENERIC.INTERNAL);
      }
    })();
    return true;
  };
