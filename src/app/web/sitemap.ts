import { escapeHtml } from "./html.js";
import { questionPath, regionPath } from "./routes.js";

export interface SitemapEntry {
  readonly path: string;
  readonly lastmod?: string | null;
}

/** sitemaps.org: one <url> per page, absolute locations, dates as W3C dates. */
export const renderSitemap = (origin: string, entries: readonly SitemapEntry[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${entries
  .map(
    (e) =>
      `<url><loc>${escapeHtml(`${origin}${e.path}`)}</loc>${e.lastmod ? `<lastmod>${escapeHtml(e.lastmod.slice(0, 10))}</lastmod>` : ""}</url>`,
  )
  .join("\n")}
</urlset>
`;

export const sitemapEntries = (
  regionCodes: readonly string[],
  questions: readonly { readonly id: string; readonly updatedAt: string | null }[],
): SitemapEntry[] => [
  { path: "/" },
  { path: "/regions" },
  { path: "/search" },
  ...regionCodes.map((code) => ({ path: regionPath(code) })),
  ...questions.map((q) => ({ path: questionPath(q.id), lastmod: q.updatedAt })),
];

/** Pages for people only (forms, the account) and the API stay out of search engines. */
export const renderRobots = (origin: string) => `User-agent: *
Allow: /
Disallow: /trpc/
Disallow: /ask
Disallow: /me
Disallow: /notifications
Disallow: /login
Disallow: /register

Sitemap: ${origin}/sitemap.xml
`;
