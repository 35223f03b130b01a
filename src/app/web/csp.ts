import { Effect } from "effect";
import { MediaStore } from "../../application/ports/MediaStore.js";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";

/**
 * The pages' Content-Security-Policy. They run only our own bundle: no inline script runs (the JSON-LD
 * and the page's data are data types), nothing is framed, forms post here. Photos come from the media
 * store: the local one is this origin ('self'); S3 (or a CDN in front of it) adds its origin to img-src
 * for the served versions and to connect-src for the browser's PUT of an upload. `blob:` is the
 * picker's preview of a chosen file before it is uploaded.
 */
export const contentSecurityPolicy = (mediaOrigins: readonly string[]) => {
  const extra = mediaOrigins.length ? ` ${mediaOrigins.join(" ")}` : "";
  return (
    `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:${extra}; connect-src 'self'${extra}; ` +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'"
  );
};

/** The origin of an absolute http(s) URL; null for a relative one (served by this origin). */
export const originOf = (url: string): string | null => {
  if (!/^https?:\/\//i.test(url)) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/**
 * Where the configured store's URLs point, read from the store itself (a download URL and an upload URL
 * signed for a probe key; signing is local, nothing is written), so the policy follows S3_ENDPOINT,
 * S3_PUBLIC_URL or the bucket's region without repeating the store's URL rules here.
 */
const probeOrigins = Effect.gen(function* () {
  const store = yield* MediaStore;
  const now = new Date();
  const view = yield* store.url("images/csp-probe/display.webp", now, 3_600);
  const upload = yield* store.presignUpload("uploads/csp-probe", { contentType: "image/jpeg", size: 1, now, expiresInSeconds: 60 });
  return [...new Set([originOf(view), originOf(upload.url)].filter((o): o is string => o !== null))];
});

/** The policy, worked out once; a failed probe (a store not answering yet) serves 'self' only and is tried again next time. */
export const makeCsp = (runtime: AppRuntime, logger: Logger) => {
  let known: Promise<string> | null = null;
  return (): Promise<string> => {
    known ??= runtime.runPromise(probeOrigins).then(contentSecurityPolicy, (err: unknown) => {
      logger.warn({ err }, "web: media store origins unknown; photos from another origin may be blocked");
      known = null;
      return contentSecurityPolicy([]);
    });
    return known;
  };
};
