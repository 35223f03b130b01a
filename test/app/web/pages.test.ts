import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { escapeHtml, renderPage, scriptJson } from "../../../src/app/web/html.js";
import { type QuestionDetail, qaPageJsonLd, renderQuestion } from "../../../src/app/web/questionPage.js";
import { matchRoute } from "../../../src/app/web/routes.js";
import { renderRobots, renderSitemap, sitemapEntries } from "../../../src/app/web/sitemap.js";

const person = (nickname: string, isLocalVerified: boolean) => ({
  id: "00000000-0000-4000-8000-00000000000a",
  nickname,
  regionCode: "KR-49-02-05",
  verificationLevel: isLocalVerified ? 3 : 0,
  isLocalVerified,
  counters: { questions: 0, answers: 0, acceptedAnswers: 0 },
  createdAt: "2026-11-01T00:00:00.000Z",
});

const answer = (id: string, content: string, isAccepted: boolean, local: boolean) => ({
  id,
  questionId: "11111111-1111-4111-8111-111111111111",
  authorId: "00000000-0000-4000-8000-00000000000b",
  content,
  images: [],
  likeCount: 2,
  qualityScore: 0,
  isAccepted,
  acceptedAt: isAccepted ? "2026-11-02T00:00:00.000Z" : null,
  createdAt: "2026-11-01T12:00:00.000Z",
  updatedAt: "2026-11-01T12:00:00.000Z",
  author: person(local ? "성산토박이" : "여행자2", local),
});

const question: QuestionDetail = {
  id: "11111111-1111-4111-8111-111111111111",
  authorId: "00000000-0000-4000-8000-00000000000a",
  title: "성산일출봉 </script><script>alert(1)</script> 몇 시?",
  content: "내일 새벽 일출을 보려고 합니다. 몇 시에 출발할까요? & 주차는요?",
  hashtags: ["일출"],
  regionCode: "KR-49-02-05",
  category: "sightseeing",
  categoryLabel: "관광",
  urgency: "normal",
  status: "answered",
  location: null,
  images: [],
  viewCount: 10,
  likeCount: 3,
  answerCount: 2,
  acceptedAnswerId: "22222222-2222-4222-8222-222222222222",
  acceptedAt: "2026-11-02T00:00:00.000Z",
  createdAt: "2026-11-01T00:00:00.000Z",
  updatedAt: "2026-11-02T00:00:00.000Z",
  author: person("여행자", false),
  answers: [
    answer("22222222-2222-4222-8222-222222222222", "일출 30분 전에 도착하세요.", true, true),
    answer("33333333-3333-4333-8333-333333333333", "저는 5시에 출발했어요.", false, false),
  ],
} as unknown as QuestionDetail;

describe("server-rendered question pages", () => {
  it("render the question and answers escaped, the 현지인 mark, the canonical URL and QAPage JSON-LD", () => {
    const parts = renderQuestion(question, "https://dongne.example", "성산읍");
    expect(parts.canonical).toBe("https://dongne.example/q/11111111-1111-4111-8111-111111111111");
    expect(parts.body).toContain("<h1>성산일출봉 &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; 몇 시?</h1>");
    expect(parts.body).toContain("&amp; 주차는요?");
    expect(parts.body).toMatch(/성산토박이 <span class="local">현지인<\/span>/);
    expect(parts.body).not.toMatch(/여행자2 <span class="local">/);
    expect(parts.body).toContain("관광 · 성산읍 · 채택 완료");
    const html = renderPage({ js: "/assets/app-x.js", css: "/assets/app-x.css", regionMap: "/assets/regions-x.json" }, parts);
    // Only our own three scripts: the title's </script> cannot end one early.
    expect(html.match(/<script/g)).toHaveLength(3);
    expect(html).toContain('<link rel="canonical" href="https://dongne.example/q/11111111-1111-4111-8111-111111111111">');
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1] ?? "null");
    expect(ld).toEqual(qaPageJsonLd(question, "https://dongne.example/q/11111111-1111-4111-8111-111111111111"));
    expect(ld.mainEntity).toMatchObject({
      "@type": "Question",
      name: question.title,
      answerCount: 2,
      acceptedAnswer: { text: "일출 30분 전에 도착하세요.", upvoteCount: 2, author: { name: "성산토박이" } },
      suggestedAnswer: [{ text: "저는 5시에 출발했어요." }],
    });
    // The app starts from the same data the page shows.
    expect(JSON.parse(/<script id="initial-data" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? "null")).toEqual({
      question,
    });
  });

  it("leave out acceptedAnswer while none is accepted", () => {
    const open = { ...question, status: "open", answers: [question.answers[1]] } as unknown as QuestionDetail;
    const ld = qaPageJsonLd(open, "https://x/q/1");
    expect(ld.mainEntity).not.toHaveProperty("acceptedAnswer");
    expect(ld.mainEntity.suggestedAnswer).toHaveLength(1);
  });

  test.prop([fc.string({ unit: "binary" })])("JSON in a script element never holds '<' and reads back unchanged", (s) => {
    const out = scriptJson({ s });
    expect(out).not.toContain("<");
    expect(JSON.parse(out)).toEqual({ s });
  });

  test.prop([fc.string({ unit: "binary" })])("escaped HTML holds no markup characters", (s) => {
    expect(escapeHtml(s)).not.toMatch(/[<>"']/);
  });
});

describe("the app's routes", () => {
  it("claim the app's pages only, never the API's paths", () => {
    expect(matchRoute("/")).toEqual({ name: "home", param: null });
    expect(matchRoute("/q/11111111-1111-4111-8111-111111111111")).toEqual({
      name: "question",
      param: "11111111-1111-4111-8111-111111111111",
    });
    expect(matchRoute("/regions/KR-49-01-02")).toEqual({ name: "region", param: "KR-49-01-02" });
    for (const path of [
      "/trpc/user.me",
      "/api/v1/questions",
      "/openapi.json",
      "/docs",
      "/healthz",
      "/metrics",
      "/q/not-a-uuid",
      "/regions/KR",
      "/ask/",
    ])
      expect(matchRoute(path)).toBeNull();
  });
});

describe("sitemap.xml and robots.txt", () => {
  it("list the public pages with absolute, escaped locations", () => {
    const xml = renderSitemap(
      "https://dongne.example",
      sitemapEntries(["KR-49-01"], [{ id: "11111111-1111-4111-8111-111111111111", updatedAt: "2026-11-02T03:04:05.000Z" }]),
    );
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toContain("<url><loc>https://dongne.example/</loc></url>");
    expect(xml).toContain("<url><loc>https://dongne.example/regions/KR-49-01</loc></url>");
    expect(xml).toContain(
      "<url><loc>https://dongne.example/q/11111111-1111-4111-8111-111111111111</loc><lastmod>2026-11-02</lastmod></url>",
    );
    expect(renderSitemap("https://a.example/?x=1&y=2", [{ path: "/" }])).toContain("<loc>https://a.example/?x=1&amp;y=2/</loc>");
    const robots = renderRobots("https://dongne.example");
    expect(robots).toContain("Sitemap: https://dongne.example/sitemap.xml");
    expect(robots).toMatch(/Disallow: \/me\n/);
  });
});
