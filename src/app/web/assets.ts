import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";

/** What the build wrote (scripts/web/build.ts): the hashed names the HTML links. */
export interface WebManifest {
  readonly js: string;
  readonly css: string;
  readonly regionMap: string;
}

/** Built next to the compiled server: dist/web, three folders up from both src/app/web and dist/app/web. */
export const DEFAULT_WEB_DIR = new URL("../../../dist/web/", import.meta.url).pathname;

const TYPES: Record<string, string> = {
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  json: "application/json; charset=utf-8",
};

interface Loaded {
  readonly manifest: WebManifest;
  /** Each built file's bytes and its gzip twin, read once: a few hundred KB in all. */
  readonly files: ReadonlyMap<string, { readonly raw: Buffer; readonly gzip: Buffer | null; readonly type: string }>;
}

const load = (dir: string): Loaded | null => {
  const manifestFile = join(dir, "manifest.json");
  if (!existsSync(manifestFile)) return null;
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as WebManifest;
  const files = new Map<string, { raw: Buffer; gzip: Buffer | null; type: string }>();
  for (const name of readdirSync(join(dir, "assets"))) {
    if (name.endsWith(".gz")) continue;
    const gz = join(dir, "assets", `${name}.gz`);
    files.set(`/assets/${name}`, {
      raw: readFileSync(join(dir, "assets", name)),
      gzip: existsSync(gz) ? readFileSync(gz) : null,
      type: TYPES[name.split(".").pop() ?? ""] ?? "application/octet-stream",
    });
  }
  return { manifest, files };
};

/** The built bundle, read when first needed (and again while it is missing, so a later build is picked up). */
export const makeAssets = (dir: string) => {
  let loaded: Loaded | null = null;
  const current = () => {
    loaded ??= load(dir);
    return loaded;
  };
  return {
    manifest: () => current()?.manifest ?? null,
    /** Serves /assets/<hashed name>; false when the path is not one of them. */
    serve: (req: IncomingMessage, res: ServerResponse, path: string): boolean => {
      const file = current()?.files.get(path);
      if (!file) return false;
      const gzip = file.gzip !== null && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
      const body = gzip && file.gzip ? file.gzip : file.raw;
      res.writeHead(200, {
        "Content-Type": file.type,
        "Content-Length": body.byteLength,
        // The name holds the content's hash: it never changes under the same name.
        "Cache-Control": "public, max-age=31536000, immutable",
        Vary: "Accept-Encoding",
        ...(gzip ? { "Content-Encoding": "gzip" } : {}),
      });
      res.end(req.method === "HEAD" ? undefined : body);
      return true;
    },
  };
};
