import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import type { AppRuntime } from "../layers.js";
import type { Logger } from "../logger.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { createInnerContext } from "../trpc/context.js";
import { appRouter } from "../trpc/router.js";
import { DEFAULT_WEB_DIR, makeAssets } from "./assets.js";
import { type PageParts, renderPage } from "./html.js";
import { renderQuestion } from "./questionPage.js";
import { matchRoute, PRIVATE_ROUTES } from "./routes.js";
import { renderRobots, renderSitemap, sitemapEntries } from "./sitemap.js";

export interface WebDeps {
  readonly runtime: AppRuntime;
  readonly logger: Logger;
  readonly readYourWrites: ReadYourWrites;
  /** The site's public origin for canonical URLs and the sitemap (`PUBLIC_URL`); else the request's Host. */
  readonly publicUrl?: string | undefined;
  /** Where the build wrote the bundle (`WEB_DIR`); dist/web by default. */
  readonly webDir?: string | undefined;
}

/** At most this many questions, newest first, in sitemap.xml (50 per page of question.list). */
const SITEMAP_QUESTIONS = 1_000;
const SITEMAP_TTL_MS = 5 * 60_000;

const TITLES: Record<string, string> = {
  home: "동네물어봐",
  regions: "동네 둘러보기",
  region: "동네 질문",
  ask: "질문하기",
  search: "검색",
  nearby: "내 주변 질문",
  notifications: "알림",
  me: "내 정보",
  login: "로그인",
  register: "회원가입",
};

/**
 * The pages run only our own bundle: no inline script runs (the JSON-LD and the page's data are data
 * types), nothing is framed, forms post here. Photos from the media store will add their origin to img-src.
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

const send = (res: ServerResponse, req: IncomingMessage, status: number, type: string, body: string, cache = "no-cache") => {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": cache, "Content-Length": Buffer.byteLength(body) });
  res.end(req.method === "HEAD" ? undefined : body);
};

/**
 * The web app at `/`: its pages (question pages rendered in full for search engines), the built bundle
 * under /assets, sitemap.xml and robots.txt. Returns false for any path that is not the app's.
 */
export const makeWebApp = (deps: WebDeps) => {
  const assets = makeAssets(deps.webDir ?? DEFAULT_WEB_DIR);
  // Server-side reads go through the same procedures as every client, as an anonymous visitor.
  const caller = async () => appRouter.createCaller(await createInnerContext({ ...deps, token: null }));
  let regionNames: Promise<Map<string, string>> | null = null;
  const regionName = async (code: string) => {
    regionNames ??= caller()
      .then((c) => c.region.list())
      .then((r) => new Map(r.regions.map((x) => [x.code, x.name])))
      .catch((err: unknown) => {
        regionNames = null;
        throw err;
      });
    return (await regionNames).get(code) ?? null;
  };
  const origin = (req: IncomingMessage) => {
    if (deps.publicUrl) return deps.publicUrl.replace(/\/+$/, "");
    const host = String(req.headers.host ?? "");
    return /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9a-fA-F:]+\](:\d+)?$/.test(host) ? `http://${host}` : "http://localhost";
  };
  let sitemap: { at: number; base: string; body: Promise<string> } | null = null;
  const buildSitemap = async (base: string) => {
    const c = await caller();
    const regions = (await c.region.list()).regions.filter((r) => r.type === "city" || r.type === "district").map((r) => r.code);
    const questions: { id: string; updatedAt: string | null }[] = [];
    let cursor: string | undefined;
    do {
      const page = await c.question.list({ sort: "newest", limit: 50, ...(cursor ? { cursor } : {}) });
      questions.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor && questions.length < SITEMAP_QUESTIONS);
    return renderSitemap(base, sitemapEntries(regions, questions.slice(0, SITEMAP_QUESTIONS)));
  };

  const page = (req: IncomingMessage, res: ServerResponse, status: number, parts: PageParts) => {
    res.setHeader("Content-Security-Policy", CSP);
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    send(res, req, status, "text/html; charset=utf-8", renderPage(assets.manifest(), parts));
  };

  const unavailable = (req: IncomingMessage, res: ServerResponse, err: unknown, what: string) => {
    // The app still starts and retries the read itself; the crawler is told to come back.
    if (!(err instanceof TRPCError && err.code === "SERVICE_UNAVAILABLE")) deps.logger.error({ err }, `web: ${what} failed`);
    res.setHeader("Retry-After", "30");
    page(req, res, 503, { title: "잠시 후 다시 시도해 주세요", robots: "noindex" });
  };

  const questionPage = async (req: IncomingMessage, res: ServerResponse, id: string) => {
    try {
      const question = await (await caller()).question.get({ id });
      const name = await regionName(question.regionCode).catch(() => null);
      page(req, res, 200, renderQuestion(question, origin(req), name));
    } catch (err) {
      if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST"))
        return page(req, res, 404, { title: "질문을 찾을 수 없어요", robots: "noindex" });
      unavailable(req, res, err, "question page");
    }
  };

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (path.startsWith("/assets/")) return assets.serve(req, res, path);
    if (path === "/robots.txt") {
      send(res, req, 200, "text/plain; charset=utf-8", renderRobots(origin(req)), "public, max-age=3600");
      return true;
    }
    if (path === "/sitemap.xml") {
      const base = origin(req);
      if (!sitemap || sitemap.base !== base || Date.now() - sitemap.at > SITEMAP_TTL_MS)
        sitemap = { at: Date.now(), base, body: buildSitemap(base) };
      const current = sitemap;
      current.body.then(
        (xml) => send(res, req, 200, "application/xml; charset=utf-8", xml, "public, max-age=300"),
        (err: unknown) => {
          if (sitemap === current) sitemap = null;
          unavailable(req, res, err, "sitemap");
        },
      );
      return true;
    }
    const route = matchRoute(path);
    if (!route) return false;
    if (route.name === "question" && route.param) {
      void questionPage(req, res, route.param);
      return true;
    }
    const isPrivate = PRIVATE_ROUTES.includes(route.name);
    page(req, res, 200, {
      title: TITLES[route.name] ?? "동네물어봐",
      description: "제주 동네 질문·답변: 현지인에게 묻고 답하세요. Ask Jeju locals about their neighbourhood.",
      ...(isPrivate ? { robots: "noindex" } : { canonical: `${origin(req)}${path}` }),
    });
    return true;
  };
};
