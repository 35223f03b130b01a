import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * The interactive reference at /docs: Swagger UI from the npm package swagger-ui-dist, served from this process
 * (nothing is fetched from elsewhere; the Content-Security-Policy forbids it), reading /openapi.json.
 */
const dist = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

export const DOCS_PATH = "/docs";

const PAGE = `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>동네물어봐 API 문서 (REST · OpenAPI)</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
<link rel="icon" type="image/png" href="${DOCS_PATH}/favicon-32x32.png" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/init.js"></script>
</body>
</html>
`;

// No validator badge (it would call an online validator); the bearer token entered under Authorize is kept for the tab only.
const INIT = `window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  persistAuthorization: false,
  tryItOutEnabled: true,
  displayOperationId: true,
});
`;

interface Asset {
  readonly type: string;
  readonly body: Buffer;
  readonly gzipped: Buffer;
}

const asset = (type: string, body: Buffer): Asset => ({ type, body, gzipped: gzipSync(body) });
const fromDist = (file: string, type: string) => () => asset(type, readFileSync(join(dist, file)));

const SOURCES: Readonly<Record<string, () => Asset>> = {
  "": () => asset("text/html; charset=utf-8", Buffer.from(PAGE)),
  "/init.js": () => asset("text/javascript; charset=utf-8", Buffer.from(INIT)),
  "/swagger-ui.css": fromDist("swagger-ui.css", "text/css; charset=utf-8"),
  "/swagger-ui-bundle.js": fromDist("swagger-ui-bundle.js", "text/javascript; charset=utf-8"),
  "/favicon-32x32.png": fromDist("favicon-32x32.png", "image/png"),
  "/favicon-16x16.png": fromDist("favicon-16x16.png", "image/png"),
};

/** Only this origin: scripts, styles (Swagger UI sets inline styles), images (and its data: icons), and API calls. */
export const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const loaded = new Map<string, Asset>();

/** The asset at a path under /docs (read and compressed once), or undefined. */
export const docsAsset = (path: string): Asset | undefined => {
  const key = path === DOCS_PATH || path === `${DOCS_PATH}/` ? "" : path.slice(DOCS_PATH.length);
  const source = Object.hasOwn(SOURCES, key) ? SOURCES[key] : undefined;
  if (!source) return undefined;
  let found = loaded.get(key);
  if (!found) {
    found = source();
    loaded.set(key, found);
  }
  return found;
};
