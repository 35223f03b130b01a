// `npm run bench:web`: what a first visit downloads, gzipped, beside the floor of the same run — a page that
// holds only the two libraries the app is built on (Preact and @trpc/client), bundled the same way.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { buildWeb, formatReport } from "./build.js";

const dir = mkdtempSync(join(tmpdir(), "dongne-web-bench-"));
try {
  const started = performance.now();
  const report = await buildWeb(join(dir, "web"));
  const ms = Math.round(performance.now() - started);
  const entry = join(dir, "floor.tsx");
  writeFileSync(
    entry,
    `import { render } from "preact";
import { useState } from "preact/hooks";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
const api = createTRPCClient<any>({ links: [httpBatchLink({ url: "/trpc" })] });
const App = () => { const [n, set] = useState(0); return <button onClick={() => { set(n + 1); void (api as any).user.me.query(); }}>{n}</button>; };
render(<App />, document.body);
`,
  );
  const floor = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    jsx: "automatic",
    jsxImportSource: "preact",
    write: false,
    outdir: join(dir, "floor"),
    nodePaths: [join(import.meta.dirname, "../../node_modules")],
    logLevel: "warning",
  });
  const floorGzip = floor.outputFiles
    .filter((f) => f.path.endsWith(".js"))
    .reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).byteLength, 0);
  console.log(formatReport(report));
  console.log(`  baseline, the same run: Preact + @trpc/client alone: ${(floorGzip / 1024).toFixed(1)} KB gzip`);
  console.log(
    `  the app's own code and the rest: ${((report.firstLoadJsGzip - floorGzip) / 1024).toFixed(1)} KB gzip; build took ${ms} ms`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
