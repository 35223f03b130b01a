// The web app's bundle: `npm run build` (after tsc) and the browser test call this. Writes hashed files,
// each with a gzip twin, and manifest.json (what the server's HTML links), into dist/web by default.
import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { buildRegionMap } from "./regionMap.js";

const root = resolve(import.meta.dirname, "../..");
export const DEFAULT_WEB_DIR = join(root, "dist", "web");

export interface WebManifest {
  readonly js: string;
  readonly css: string;
  readonly regionMap: string;
}

export interface WebBuildReport {
  readonly dir: string;
  readonly manifest: WebManifest;
  readonly files: readonly { readonly name: string; readonly bytes: number; readonly gzipBytes: number }[];
  /** What a first visit downloads as JavaScript, gzipped: the goal is under 200 KB. */
  readonly firstLoadJsGzip: number;
}

const hashed = (name: string, ext: string, contents: Uint8Array) =>
  `${name}-${createHash("sha256").update(contents).digest("hex").slice(0, 12)}.${ext}`;

export const buildWeb = async (dir: string = DEFAULT_WEB_DIR): Promise<WebBuildReport> => {
  const result = await build({
    entryPoints: { app: join(root, "src/app/web/client/main.tsx") },
    bundle: true,
    minify: true,
    format: "esm",
    target: ["es2022", "chrome110", "safari16", "firefox115"],
    jsx: "automatic",
    jsxImportSource: "preact",
    write: false,
    outdir: "out",
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning",
  });
  const out = new Map<string, Uint8Array>();
  const pick = (ext: string) => {
    const file = result.outputFiles.find((f) => f.path.endsWith(`.${ext}`));
    if (!file) throw new Error(`the web build wrote no .${ext}`);
    const name = hashed("app", ext, file.contents);
    out.set(name, file.contents);
    return name;
  };
  const js = pick("js");
  const css = pick("css");
  const map = Buffer.from(JSON.stringify(buildRegionMap()));
  const regionMap = hashed("regions", "json", map);
  out.set(regionMap, map);

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "assets"), { recursive: true });
  const files = [...out].map(([name, contents]) => {
    const gz = gzipSync(contents, { level: 9 });
    writeFileSync(join(dir, "assets", name), contents);
    writeFileSync(join(dir, "assets", `${name}.gz`), gz);
    return { name, bytes: contents.byteLength, gzipBytes: gz.byteLength };
  });
  const manifest: WebManifest = { js: `/assets/${js}`, css: `/assets/${css}`, regionMap: `/assets/${regionMap}` };
  writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const firstLoadJsGzip = files.filter((f) => f.name.endsWith(".js")).reduce((n, f) => n + f.gzipBytes, 0);
  return { dir, manifest, files, firstLoadJsGzip };
};

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export const formatReport = (r: WebBuildReport) =>
  [
    `web bundle in ${r.dir}`,
    ...r.files.map((f) => `  ${f.name.padEnd(32)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzipBytes).padStart(9)}`),
    `  first load JavaScript (gzip): ${kb(r.firstLoadJsGzip)} of the 200 KB goal`,
  ].join("\n");

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await buildWeb(process.argv[2] ? resolve(process.argv[2]) : DEFAULT_WEB_DIR);
  console.log(formatReport(report));
}
