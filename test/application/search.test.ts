import { Effect, Layer } from "effect";
import { describe, expect, it } from "vitest";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { SearchIndex } from "../../src/application/ports/SearchIndex.js";
import { closeQuestion } from "../../src/application/question/closeQuestion.js";
import { similarQuestions } from "../../src/application/question/similarQuestions.js";
import { searchQuestions } from "../../src/application/search/searchQuestions.js";
import { suggestTitles } from "../../src/application/search/suggestTitles.js";
import { trendingKeywords } from "../../src/application/search/trendingKeywords.js";
import { ask, registerUser } from "../support/scenario.js";
import { makeTestApp } from "../support/testLayer.js";

describe("Korean search use cases (in-memory adapters)", () => {
  const setUp = async () => {
    const app = makeTestApp();
    const u = await registerUser(app, "여행자");
    const other = await registerUser(app, "주민");
    await ask(app, u.id, {
      title: "한라산 등산 코스 추천해주세요",
      content: "성판악 코스로 올라가려는데 예약이 필요한가요? 초보입니다.",
      hashtags: ["한라산"],
      regionCode: "KR-49",
    });
    const q = await ask(app, u.id, {
      title: "애월 흑돼지맛집 어디가 좋아요",
      content: "흑돼지를 좋아하는 가족입니다. 애월에서 흑돼지 먹기 좋은 곳 알려주세요.",
      hashtags: ["흑돼지", "애월"],
    });
    await app.run(postAnswer({ questionId: q.id, authorId: other.id, content: "애월 해안도로 쪽 고깃집을 추천해요." }));
    return app;
  };

  it("finds by particles, 초성 and English-mode typing, and highlights", async () => {
    const app = await setUp();
    const byParticle = await app.run(searchQuestions({ query: "흑돼지를" }));
    expect(byParticle.hits.map((h) => h.question.title)).toEqual(["애월 흑돼지맛집 어디가 좋아요"]);
    expect(byParticle.hits[0]?.highlight.title).toBe("애월 <mark>흑돼지</mark>맛집 어디가 좋아요");
    expect(byParticle.hits[0]?.highlight.content[0]).toContain("<mark>흑돼지</mark>");
    expect(byParticle.typoTolerant).toBe(false);
    expect((await app.run(searchQuestions({ query: "ㅎㄹㅅ" }))).hits.map((h) => h.question.title)).toEqual([
      "한라산 등산 코스 추천해주세요",
    ]);
    expect((await app.run(searchQuestions({ query: "gksfktks" }))).total).toBe(1);
  });

  it("falls back to typo tolerance only when exact terms find nothing: gkssktks (한나산) finds 한라산", async () => {
    const app = await setUp();
    const typo = await app.run(searchQuestions({ query: "gkssktks" }));
    expect(typo.typoTolerant).toBe(true);
    expect(typo.hits.map((h) => h.question.title)).toEqual(["한라산 등산 코스 추천해주세요"]);
    expect((await app.run(searchQuestions({ query: "맞집" }))).hits.map((h) => h.question.title)).toEqual([
      "애월 흑돼지맛집 어디가 좋아요",
    ]);
  });

  it("answers natural questions: question words optional, relaxed to most terms when the strict match is thin", async () => {
    const app = await setUp();
    const natural = await app.run(searchQuestions({ query: "한라산 등산 예약 어떻게 하나요?" }));
    expect(natural.hits.map((h) => h.question.title)).toEqual(["한라산 등산 코스 추천해주세요"]);
    expect(natural.relaxed).toBe(false);
    // 주차 is nowhere: the strict pass finds nothing, the relaxed one the question with 애월 and 흑돼지
    const thin = await app.run(searchQuestions({ query: "애월 흑돼지 주차 되나요" }));
    expect(thin.relaxed).toBe(true);
    expect(thin.hits[0]?.question.title).toBe("애월 흑돼지맛집 어디가 좋아요");
    // an unspaced compound with no whole match: its parts, as the last resort
    expect((await app.run(searchQuestions({ query: "성판악등산예약" }))).total).toBeGreaterThan(0);
  });

  it("question.similar: similar open or answered questions, the near-duplicate of the last hours, never closed ones", async () => {
    const app = await setUp();
    const asker = await registerUser(app, "닫은이");
    const closed = await ask(app, asker.id, {
      title: "애월 흑돼지 맛집 추천해 주세요",
      content: "흑돼지 먹고 싶은데 어디가 좋을지 알려주세요.",
      hashtags: [],
    });
    await app.run(closeQuestion(closed.id, asker.id));
    const draft = { title: "애월 흑돼지 맛집 추천 부탁해요", content: "가족이랑 흑돼지 먹고 싶어요", regionCode: "KR-49-01-02" };
    const found = await app.run(similarQuestions(draft));
    expect(found.questions.map((x) => x.question.title)).toEqual(["애월 흑돼지맛집 어디가 좋아요"]);
    expect(found.nearDuplicate?.question.title).toBe("애월 흑돼지맛집 어디가 좋아요");
    app.clock.advance(7 * 3_600_000);
    const later = await app.run(similarQuestions(draft));
    expect(later.questions).toHaveLength(1);
    expect(later.nearDuplicate).toBeNull();
    expect((await app.failure(similarQuestions({ ...draft, regionCode: "KR-00" })))._tag).toBe("RegionNotFound");
    expect((await app.run(similarQuestions({ title: "ㅋㅋ" }))).questions).toEqual([]);
  });

  it("filters with sub-regions, reports facets, suggests and trends", async () => {
    const app = await setUp();
    const inJejuSi = await app.run(searchQuestions({ filters: { regionCode: "KR-49-01", hasAnswers: true } }));
    expect(inJejuSi.total).toBe(1);
    expect(inJejuSi.facets.hashtags.map((f) => f.key).sort()).toEqual(["애월", "흑돼지"]);
    expect((await app.failure(searchQuestions({ filters: { regionCode: "KR-00" } })))._tag).toBe("RegionNotFound");
    expect((await app.run(suggestTitles("한라"))).suggestions).toEqual(["한라산 등산 코스 추천해주세요"]);
    const trending = await app.run(trendingKeywords("24h"));
    expect(trending.keywords.filter((k) => k.type === "hashtag").map((k) => k.keyword)).toEqual(
      expect.arrayContaining(["흑돼지", "애월", "한라산"]),
    );
    expect(trending.keywords.some((k) => k.type === "category")).toBe(true);
  });

  it("says whether a stand-in answered: not with the index itself, yes when the index reports degraded answers", async () => {
    const app = await setUp();
    expect((await app.run(searchQuestions({ query: "흑돼지" }))).degraded).toBe(false);
    expect((await app.run(suggestTitles("한라"))).degraded).toBe(false);
    expect((await app.run(trendingKeywords("24h"))).degraded).toBe(false);

    const standIn = Layer.succeed(SearchIndex, {
      search: () => Effect.succeed({ hits: [], total: 0, facets: { categories: [], regions: [], hashtags: [] }, degraded: true }),
      suggest: () => Effect.succeed({ titles: ["한라산 등산 코스 추천해주세요"], degraded: true }),
      categoryCountsSince: () => Effect.succeed({ counts: [{ key: "food", count: 1 }], degraded: true }),
      similar: () => Effect.succeed({ questions: [], degraded: true }),
    });
    const degraded = makeTestApp(standIn);
    expect(await degraded.run(searchQuestions({ query: "흑돼지" }))).toMatchObject({ total: 0, degraded: true });
    expect(await degraded.run(suggestTitles("한라"))).toEqual({ suggestions: ["한라산 등산 코스 추천해주세요"], degraded: true });
    expect(await degraded.run(trendingKeywords("24h"))).toMatchObject({ degraded: true });
  });
});
