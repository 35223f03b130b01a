import type { WebManifest } from "./assets.js";

/** Text and attribute values for HTML: the five characters that could end either. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);

/** JSON inside a <script> element: no `</script>` or `<!--` can end it early. */
export const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

export interface PageParts {
  readonly title: string;
  readonly description?: string;
  readonly canonical?: string;
  readonly robots?: string;
  /** Extra elements for <head> (JSON-LD, Open Graph), already escaped. */
  readonly head?: string;
  /** What is inside <main> before the app starts: the server-rendered page, already escaped. */
  readonly body?: string;
  /** Data the app starts from instead of fetching it again. */
  readonly initial?: unknown;
}

const SITE = "동네물어봐";

/** The one HTML document every page of the app is served in. */
export const renderPage = (manifest: WebManifest | null, p: PageParts) => `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title === SITE ? SITE : `${p.title} · ${SITE}`)}</title>
${p.description ? `<meta name="description" content="${escapeHtml(p.description)}">\n` : ""}${p.canonical ? `<link rel="canonical" href="${escapeHtml(p.canonical)}">\n` : ""}${p.robots ? `<meta name="robots" content="${escapeHtml(p.robots)}">\n` : ""}<meta name="theme-color" content="#0b6e4f">
<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%230b6e4f'/%3E%3C/svg%3E">
${manifest ? `<link rel="stylesheet" href="${manifest.css}">\n<link rel="preload" as="fetch" crossorigin href="${manifest.regionMap}">\n` : ""}${p.head ?? ""}
</head>
<body>
<a class="skip" href="#main">본문으로 건너뛰기</a>
<div id="app">${p.body ?? ""}</div>
${manifest ? "" : '<p role="alert">웹 앱이 아직 빌드되지 않았어요: <code>npm run build</code> (The web app is not built yet.)</p>\n'}${p.initial === undefined ? "" : `<script id="initial-data" type="application/json">${scriptJson(p.initial)}</script>\n`}${manifest ? `<script type="module" src="${manifest.js}" data-region-map="${manifest.regionMap}"></script>\n` : ""}<noscript><p>이 페이지의 모든 기능을 쓰려면 JavaScript를 켜 주세요. (Please enable JavaScript.)</p></noscript>
</body>
</html>
`;
