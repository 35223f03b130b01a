import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../trpc/router.js";
import { escapeHtml, type PageParts, scriptJson } from "./html.js";
import { questionPath } from "./routes.js";

export type QuestionDetail = inferRouterOutputs<AppRouter>["question"]["get"];

const STATUS_KO: Record<string, string> = { open: "답변 받는 중", answered: "채택 완료", closed: "마감" };

const person = (a: QuestionDetail["author"]) => ({ "@type": "Person", name: a?.nickname ?? "탈퇴한 사용자" });

/** schema.org QAPage (what search engines read for Q&A): the question, its accepted and other answers. */
export const qaPageJsonLd = (q: QuestionDetail, url: string) => {
  const answer = (a: QuestionDetail["answers"][number]) => ({
    "@type": "Answer",
    text: a.content,
    dateCreated: a.createdAt,
    upvoteCount: a.likeCount,
    url: `${url}#answer-${a.id}`,
    author: person(a.author),
  });
  const accepted = q.answers.find((a) => a.isAccepted);
  return {
    "@context": "https://schema.org",
    "@type": "QAPage",
    mainEntity: {
      "@type": "Question",
      name: q.title,
      text: q.content,
      answerCount: q.answers.length,
      upvoteCount: q.likeCount,
      dateCreated: q.createdAt,
      author: person(q.author),
      ...(accepted ? { acceptedAnswer: answer(accepted) } : {}),
      ...(q.answers.some((a) => !a.isAccepted) ? { suggestedAnswer: q.answers.filter((a) => !a.isAccepted).map(answer) } : {}),
    },
  };
};

const date = (iso: string | null) => (iso ? iso.slice(0, 10) : "");

/** The whole question in plain HTML, readable without JavaScript; the app takes over the same data. */
export const renderQuestion = (q: QuestionDetail, origin: string, regionName: string | null): PageParts => {
  const url = `${origin}${questionPath(q.id)}`;
  const description = q.content.replace(/\s+/g, " ").slice(0, 150);
  const answers = q.answers
    .map(
      (a) => `<li id="answer-${escapeHtml(a.id)}" class="answer${a.isAccepted ? " accepted" : ""}">
${a.isAccepted ? '<p class="accepted-mark">채택된 답변</p>\n' : ""}<p class="byline">${escapeHtml(a.author?.nickname ?? "탈퇴한 사용자")}${a.author?.isLocalVerified ? ' <span class="local">현지인</span>' : ""} · <time datetime="${escapeHtml(a.createdAt ?? "")}">${date(a.createdAt)}</time> · 좋아요 ${a.likeCount}</p>
<div class="text">${escapeHtml(a.content)}</div>
</li>`,
    )
    .join("\n");
  const body = `<main id="main" class="page question-page">
<article>
<p class="meta">${escapeHtml(q.categoryLabel)}${regionName ? ` · ${escapeHtml(regionName)}` : ""} · ${STATUS_KO[q.status] ?? escapeHtml(q.status)}</p>
<h1>${escapeHtml(q.title)}</h1>
<p class="byline">${escapeHtml(q.author?.nickname ?? "탈퇴한 사용자")}${q.author?.isLocalVerified ? ' <span class="local">현지인</span>' : ""} · <time datetime="${escapeHtml(q.createdAt ?? "")}">${date(q.createdAt)}</time> · 조회 ${q.viewCount} · 좋아요 ${q.likeCount}</p>
<div class="text">${escapeHtml(q.content)}</div>
${q.hashtags.length ? `<p class="tags">${q.hashtags.map((h) => `<span class="tag">#${escapeHtml(h)}</span>`).join(" ")}</p>` : ""}
</article>
<section aria-label="답변">
<h2>답변 ${q.answers.length}개</h2>
<ol class="answers">
${answers}
</ol>
</section>
</main>`;
  const head = [
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${escapeHtml(q.title)}">`,
    `<meta property="og:description" content="${escapeHtml(description)}">`,
    `<meta property="og:url" content="${escapeHtml(url)}">`,
    `<meta property="og:locale" content="ko_KR">`,
    `<script type="application/ld+json">${scriptJson(qaPageJsonLd(q, url))}</script>`,
  ].join("\n");
  return { title: q.title, description, canonical: url, head, body, initial: { question: q } };
};
