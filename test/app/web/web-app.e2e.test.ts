import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWeb } from "../../../scripts/web/build.js";
import { project, type RegionMapData } from "../../../src/app/web/client/regionMapData.js";
import { machineDatabase, type TestDatabase } from "../../support/postgres.js";
import { startServer } from "../../support/serverProcess.js";
import { trpcClient } from "../../support/trpcHttp.js";

/**
 * The web app in a real browser (Debian's chromium, driven by playwright-core) against the real service
 * process, with the bundle `npm run build` makes. Screenshots land in test-artifacts/web/.
 */
const ARTIFACTS = resolve(import.meta.dirname, "../../../test-artifacts/web");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** 성산읍, a point on land inside its boundary. */
const SEONGSAN = { lat: 33.43, lng: 126.88 };

let webDir: string;
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let db: TestDatabase;
let firstLoadJs = 0;

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });

const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: "ko-KR",
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
    geolocation: { latitude: SEONGSAN.lat + 0.002, longitude: SEONGSAN.lng + 0.002 },
    permissions: ["geolocation"],
  });
  context.setDefaultTimeout(10_000);
  return { context, page: await context.newPage() };
};

const register = async (page: Page, who: { email: string; nickname: string }, next?: string) => {
  await page.goto(`/register${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  await page.getByLabel("이메일").fill(who.email);
  await page.getByLabel("비밀번호").fill("제주여행2026!");
  await page.getByLabel("닉네임").fill(who.nickname);
  await page.getByLabel("내 동네").selectOption("KR-49-02-05");
  await page.getByLabel("위치기반서비스 이용약관에 동의합니다", { exact: false }).check();
  await page.getByRole("button", { name: "가입하기" }).click();
  await page.getByRole("link", { name: "내 정보" }).waitFor();
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  webDir = mkdtempSync(join(tmpdir(), "dongne-web-"));
  // The machine's PostgreSQL (a fresh database) starts faster than an embedded one; the three steps overlap.
  const [database] = await Promise.all([
    machineDatabase(),
    buildWeb(webDir),
    chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage"] }).then((b) => {
      browser = b;
    }),
  ]);
  db = database;
  server = await startServer({ WEB_DIR: webDir, DATABASE_URL: db.url });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await db?.drop();
  rmSync(webDir, { recursive: true, force: true });
});

describe("the web app in chromium", () => {
  it("register, ask on the map with a photo, a second user answers, the asker accepts, the points show; similar questions, 초성 search and nearby find the question", async () => {
    // An earlier question about the same thing, asked over the API, for the similar-questions list.
    const api = trpcClient(server.url);
    const earlier = await api.mutate("auth.register", { email: "earlier@example.kr", password: "제주여행2026!", nickname: "새벽손님" });
    const existing = await api.mutate(
      "question.ask",
      {
        title: "성산 일출봉 일출 시간 궁금해요",
        content: "이번 주말 성산 일출봉에서 일출을 보고 싶은데 해 뜨는 시간이 몇 시쯤인가요?",
        regionCode: "KR-49-02-05",
      },
      earlier.data.token,
    );
    // A small photo, made here: the service checks and re-encodes it, then serves the thumbnail itself.
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 240, g: 120, b: 40 } } })
      .jpeg({ quality: 80 })
      .toBuffer();
    const asker = await newPage();
    const answerer = await newPage();
    const a = asker.page;
    const b = answerer.page;

    // First load: count what the browser downloads as JavaScript (compressed, as sent).
    const countJs = (r: import("playwright-core").Response) => {
      if (r.url().endsWith(".js")) firstLoadJs += Number(r.headers()["content-length"] ?? 0);
    };
    a.on("response", countJs);
    await a.goto("/");
    await a.getByRole("heading", { name: "동네물어봐", level: 1 }).waitFor();
    a.off("response", countJs);
    await shot(a, "01-home");

    await register(a, { email: "asker@example.kr", nickname: "여행자" });
    await a.getByRole("link", { name: "질문하기" }).first().click();
    await a.getByLabel("제목").fill("성산일출봉 일출 보려면 몇 시에 출발해야 하나요?");
    await a.getByLabel("내용").fill("내일 새벽에 성산일출봉 일출을 보려고 합니다. 제주시내에서 몇 시쯤 출발하면 될까요?");
    await expect.poll(() => a.locator("#ask-title-hint .counter").textContent()).toBe("27/200");
    // While typing: the earlier question shows under the title (debounced; the index may take a moment).
    await a.locator(".similar").getByRole("link", { name: "성산 일출봉 일출 시간 궁금해요" }).waitFor({ timeout: 20_000 });
    await a.getByLabel("해시태그").fill("일출");
    await a.getByLabel("해시태그").press("Enter");
    await a.getByLabel("해시태그").fill("#성산");
    await a.getByLabel("해시태그").press("Enter");
    await expect.poll(() => a.locator("#ask-category-hint").textContent()).toBe("추천: 관광");
    await a.getByText("급해요", { exact: true }).click();
    // The place: tap 성산읍 on the map where the point lies.
    await a.getByText("지도에서 위치 누르기").click();
    const svg = a.locator(".map svg");
    await svg.waitFor();
    // Where the point is on screen: the map's own projection (the build's data), scaled to the drawn SVG.
    const mapUrl = (await a.locator("script[data-region-map]").getAttribute("data-region-map")) ?? "";
    const map = (await (await fetch(`${server.url}${mapUrl}`)).json()) as RegionMapData;
    await svg.scrollIntoViewIfNeeded();
    const box = await svg.boundingBox();
    if (!box) throw new Error("the map is not drawn");
    const inMap = project(map, SEONGSAN.lat, SEONGSAN.lng);
    const at = { x: box.x + (inMap.x / map.width) * box.width, y: box.y + (inMap.y / map.height) * box.height };
    await a.mouse.click(at.x, at.y);
    await a.getByText(/선택한 위치: 성산읍 \(33\.43/).waitFor();
    await a.getByLabel("사진", { exact: true }).setInputFiles({ name: "sunrise.jpg", mimeType: "image/jpeg", buffer: photo });
    await a.locator(".picked-photos li.done").waitFor({ timeout: 20_000 });
    await shot(a, "02-ask");
    await a.getByRole("button", { name: "질문 올리기" }).click();
    await a.waitForURL(/\/q\/[0-9a-f-]{36}$/);
    const questionUrl = new URL(a.url()).pathname;
    await a.getByRole("heading", { name: "성산일출봉 일출 보려면 몇 시에 출발해야 하나요?", level: 1 }).waitFor();
    await expect(a.getByText("급해요").first().isVisible()).resolves.toBe(true);
    // The photo's thumbnail, served by the service (and allowed by the page's policy), opens the display version.
    const thumb = a.locator(".photos img");
    await thumb.scrollIntoViewIfNeeded();
    await expect
      .poll(() =>
        thumb.evaluate((img) => {
          const loaded = img as unknown as { complete: boolean; naturalWidth: number };
          return loaded.complete && loaded.naturalWidth;
        }),
      )
      .toBe(320);
    expect(await thumb.getAttribute("alt")).toBe("성산일출봉 일출 보려면 몇 시에 출발해야 하나요? 사진 1/1");
    const display = await fetch(new URL((await a.locator(".photos a").getAttribute("href")) ?? "", server.url));
    expect(display.status).toBe(200);
    expect(display.headers.get("content-type")).toBe("image/webp");
    // And the question page lists the earlier one among its similar questions.
    const similar = a.locator(".similar").getByRole("link", { name: "성산 일출봉 일출 시간 궁금해요" });
    await similar.waitFor();
    expect(await similar.getAttribute("href")).toBe(`/q/${existing.data.id}`);

    await register(b, { email: "local@example.kr", nickname: "성산토박이" }, questionUrl);
    await b.waitForURL(`**${questionUrl}`);
    await b.getByLabel("답변 쓰기").fill("일출 30분 전에는 매표소에 도착하세요. 시내에서 차로 1시간 정도 걸려요.");
    await b.getByRole("button", { name: "답변 등록" }).click();
    await b.getByText("일출 30분 전에는 매표소에 도착하세요.", { exact: false }).waitFor();
    await shot(b, "03-answered");
    // Asking the same again at the same place: the form points to the question just asked, and still lets one post.
    await b.goto("/ask");
    await b.getByLabel("제목").fill("성산일출봉 일출 보려면 몇 시에 출발해야 하나요?");
    const duplicate = b.locator(".notice.warn");
    await duplicate.getByRole("link", { name: "성산일출봉 일출 보려면 몇 시에 출발해야 하나요?" }).waitFor();
    expect(await duplicate.textContent()).toContain("같은 곳에서 방금 비슷한 질문이 올라왔어요");
    expect(await b.getByRole("button", { name: "질문 올리기" }).isEnabled()).toBe(true);
    await shot(b, "03b-near-duplicate");

    // The asker sees the answer (the server renders the page; the app takes over) and accepts it.
    const badge = b.locator('nav a[href="/notifications"] .count');
    const unreadOfB = async () => ((await badge.count()) > 0 ? Number(await badge.textContent()) : 0);
    const unreadBefore = await unreadOfB();
    await a.reload();
    await a.getByRole("button", { name: "이 답변 채택하기" }).click();
    await a.getByText("답변을 채택했어요. 답변자에게 150 포인트가 지급됐어요.").waitFor();
    await a.getByText("✓ 채택된 답변").waitFor();
    await shot(a, "04-accepted");
    // The answerer's header hears of it (the acceptance and a badge) at once: pushed over SSE, not polled (every 5 minutes).
    await expect.poll(unreadOfB, { timeout: 5_000 }).toBeGreaterThanOrEqual(unreadBefore + 2);

    // The answerer's points and notification.
    await b.goto("/me");
    await b.locator(".ledger").getByText("+150").waitFor();
    // The same number the API gives this session (its cookie).
    const balance = await b.evaluate(async () => {
      const body = (await (await fetch("/trpc/points.balance")).json()) as { result: { data: { balance: number } } };
      return body.result.data.balance;
    });
    expect(await b.getByTestId("point-balance").textContent()).toBe(`${balance.toLocaleString("ko")} P`);
    await shot(b, "05-points");
    await b.goto("/notifications");
    await b.getByRole("link", { name: "답변이 채택되었습니다!" }).waitFor();

    // 초성 search finds the question.
    await a.goto("/search");
    await a.getByLabel("검색어").fill("ㅅㅅㅇㅊㅂ");
    await a.getByLabel("검색어").press("Enter");
    await a.waitForURL(/\/search\?q=/);
    await a
      .locator(".results")
      .getByRole("link", { name: /성산일출봉 일출/ })
      .waitFor();
    await shot(a, "06-chosung-search");

    // Nearby, by the browser's (granted) position just next to the tapped point.
    await a.goto("/nearby");
    await a.getByRole("button", { name: "내 위치로 찾기" }).click();
    await a.getByText("지금 계신 곳: 성산읍").waitFor();
    await a.getByRole("link", { name: /성산일출봉 일출/ }).waitFor();

    // The region map works from the keyboard: Tab to a district, Enter opens its questions.
    await a.goto("/regions");
    await a.locator('path[data-code="KR-49-02-05"]').focus();
    await a.keyboard.press("Enter");
    await a.waitForURL("**/regions/KR-49-02-05");
    await a.getByRole("heading", { name: "성산읍", level: 1 }).waitFor();
    await a.getByRole("link", { name: /성산일출봉 일출/ }).waitFor();
    await shot(a, "07-region");

    // English labels for visitors.
    await a.getByRole("button", { name: "Switch to English" }).click();
    await a.getByRole("heading", { name: "Questions in this area" }).waitFor();
    await a.getByRole("heading", { name: "Seongsan-eup", level: 1 }).waitFor();
    expect(await a.locator("html").getAttribute("lang")).toBe("en");
    await shot(a, "08-english");

    console.log(`web app first load: ${(firstLoadJs / 1024).toFixed(1)} KB of JavaScript (gzip, as sent)`);
    expect(firstLoadJs).toBeGreaterThan(0);
    expect(firstLoadJs).toBeLessThan(200 * 1024);
    await asker.context.close();
    await answerer.context.close();
  }, 120_000);
});

describe("pages for search engines, served by the real service", () => {
  it("a question page is rendered on the server with QAPage JSON-LD and its canonical URL; sitemap.xml and robots.txt list it", async () => {
    const api = trpcClient(server.url);
    const asker = await api.mutate("auth.register", { email: "seo@example.kr", password: "제주여행2026!", nickname: "검색손님" });
    const local = await api.mutate("auth.register", { email: "seo-local@example.kr", password: "제주여행2026!", nickname: "애월주민" });
    const asked = await api.mutate(
      "question.ask",
      {
        title: "애월 카페거리 주차 어디에 하나요? <b>급함</b>",
        content: "애월 한담해변 카페거리에 가려는데 주차할 곳이 있을까요? 주말이라 붐빌 것 같아요.",
        regionCode: "KR-49-01-02",
      },
      asker.data.token,
    );
    const answer = await api.mutate(
      "answer.create",
      { questionId: asked.data.id, content: "한담공원 공영주차장이 제일 가까워요. 주말엔 오전 10시 전에 가세요." },
      local.data.token,
    );
    await api.mutate("answer.accept", { answerId: answer.data.id }, asker.data.token);

    const res = await fetch(`${server.url}/q/${asked.data.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    // The whole question, escaped, without JavaScript.
    expect(html).toContain("<h1>애월 카페거리 주차 어디에 하나요? &lt;b&gt;급함&lt;/b&gt;</h1>");
    expect(html).toContain("한담공원 공영주차장이 제일 가까워요.");
    expect(html).toContain(`<link rel="canonical" href="${server.url}/q/${asked.data.id}">`);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? "null");
    expect(ld).toMatchObject({
      "@context": "https://schema.org",
      "@type": "QAPage",
      mainEntity: {
        "@type": "Question",
        name: "애월 카페거리 주차 어디에 하나요? <b>급함</b>",
        answerCount: 1,
        author: { "@type": "Person", name: "검색손님" },
        acceptedAnswer: {
          "@type": "Answer",
          text: "한담공원 공영주차장이 제일 가까워요. 주말엔 오전 10시 전에 가세요.",
          url: `${server.url}/q/${asked.data.id}#answer-${answer.data.id}`,
        },
      },
    });

    const missing = await fetch(`${server.url}/q/00000000-0000-4000-8000-000000000000`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<meta name="robots" content="noindex">');

    const sitemap = await fetch(`${server.url}/sitemap.xml`);
    expect(sitemap.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const xml = await sitemap.text();
    expect(xml).toContain(`<loc>${server.url}/q/${asked.data.id}</loc>`);
    expect(xml).toContain(`<loc>${server.url}/regions/KR-49-01-02</loc>`);
    const robots = await (await fetch(`${server.url}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${server.url}/sitemap.xml`);
    expect(robots).toContain("Disallow: /trpc/");

    // The bundle: hashed, cached for good, gzipped when asked; paths that are not the app's stay JSON 404s.
    const home = await (await fetch(`${server.url}/`)).text();
    const script = /<script type="module" src="([^"]+)"/.exec(home)?.[1] ?? "";
    const js = await fetch(`${server.url}${script}`, { headers: { "accept-encoding": "gzip" } });
    expect(js.status).toBe(200);
    expect(js.headers.get("content-encoding")).toBe("gzip");
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${server.url}/assets/nope.js`)).status).toBe(404);
    const other = await fetch(`${server.url}/nothing-here`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    expect((await fetch(`${server.url}/`, { method: "POST" })).status).toBe(404);
  });
});
