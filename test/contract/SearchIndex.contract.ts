import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { SEARCH_SORTS, SearchIndex, type SearchRequest } from "../../src/application/ports/SearchIndex.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import type { Question } from "../../src/domain/question/question.js";
import { parseQuery } from "../../src/domain/search/query.js";
import { T0 } from "../support/builders.js";
import { questionN, storeQuestions, userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const local = userN(1, { nickname: "애월토박이", verificationLevel: 2 });
const visitor = userN(2, { nickname: "여행자" });
const hour = 3_600_000;

const q = (n: number, title: string, content: string, over: Partial<Question> = {}) =>
  questionN(n, over.authorId === visitor.id ? visitor : local, {
    title,
    content,
    hashtags: [],
    createdAt: new Date(T0.getTime() + n * hour),
    ...over,
  });

/** A small Jeju corpus with one clear answer per behaviour. */
export const SEARCH_CORPUS = [
  q(1, "애월 카페 추천 부탁드려요", "바다가 보이는 조용한 커피숍을 찾고 있어요.", {
    category: "cafe",
    hashtags: ["카페", "애월"],
    location: { lat: 33.4627, lng: 126.3095 },
  }),
  q(2, "제주공항 근처 흑돼지맛집 있나요", "렌터카 반납 전에 저녁 먹을 곳이 필요합니다.", {
    category: "food",
    hashtags: ["흑돼지"],
    regionCode: "KR-49-01-58",
    location: { lat: 33.507, lng: 126.49 },
    urgency: "urgent",
  }),
  q(3, "한라산 등산 코스 질문입니다", "성판악 코스로 올라가려는데 예약이 필요한가요?", {
    category: "sightseeing",
    regionCode: "KR-49-02",
    authorId: visitor.id,
    hashtags: ["한라산", "등산"],
  }),
  q(4, "함덕 해수욕장 근처 숙소 추천", "아이들과 머물 조용한 펜션을 찾고 있어요.", {
    category: "stay",
    regionCode: "KR-49-01-04",
    authorId: visitor.id,
    answerCount: 2,
  }),
  q(5, "숨겨진 질문입니다 흑돼지 관련", "관리자가 숨긴 질문이라 검색에 나오면 안 됩니다.", { status: "hidden", category: "food" }),
  q(6, "성산일출봉 일출 시간 궁금해요", "새벽 몇 시에 출발해야 일출을 제대로 볼 수 있을까요?", {
    category: "sightseeing",
    regionCode: "KR-49-02-05",
    urgency: "emergency",
    location: { lat: 33.4581, lng: 126.9425 },
  }),
];

export const searchIndexContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`SearchIndex contract: ${name}`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => Effect.all([r.insert(local), r.insert(visitor)])));
      await h.run(storeQuestions(SEARCH_CORPUS, (x) => (x.authorId === visitor.id ? visitor : local)));
      await h.run(QuestionRepository.use((r) => r.addToCounters(SEARCH_CORPUS[3]!.id, { answers: 2, views: 50 })));
      await h.settle?.();
    }, 60_000);
    afterAll(() => h.dispose());

    const request = (text: string | undefined, over: Partial<SearchRequest> = {}): SearchRequest => ({
      query: parseQuery(text),
      filters: {},
      sort: "relevance",
      offset: 0,
      limit: 20,
      allowTypos: false,
      ...over,
    });
    const titles = async (text: string | undefined, over: Partial<SearchRequest> = {}) =>
      (await h.run(SearchIndex.use((s) => s.search(request(text, over))))).hits.map((x) => x.question.title);

    it("matches across spacing and inside compounds", async () => {
      expect(await titles("애월카페")).toEqual(["애월 카페 추천 부탁드려요"]);
      expect(await titles("흑돼지 맛집")).toEqual(["제주공항 근처 흑돼지맛집 있나요"]);
      expect(await titles("공항 맛집")).toEqual(["제주공항 근처 흑돼지맛집 있나요"]);
    });

    it("strips particles and expands synonyms; every term must match", async () => {
      expect(await titles("흑돼지를")).toEqual(["제주공항 근처 흑돼지맛집 있나요"]);
      expect(await titles("함덕 펜션")).toEqual(["함덕 해수욕장 근처 숙소 추천"]);
      // every term must match somewhere (애월 alone matches titles and the nickname 애월토박이)
      expect(await titles("애월 펜션")).toEqual([]);
    });

    it("finds titles by 초성 and Hangul typed in English mode", async () => {
      expect(await titles("ㅎㄹㅅ")).toEqual(["한라산 등산 코스 질문입니다"]);
      expect(await titles("gksfktks")).toEqual(["한라산 등산 코스 질문입니다"]);
    });

    it("forgives typos by jamo only when asked to (second pass)", async () => {
      expect(await titles("한나산")).toEqual([]);
      expect(await titles("한나산", { allowTypos: true })).toEqual(["한라산 등산 코스 질문입니다"]);
      expect(await titles("흑되지", { allowTypos: true })).toContain("제주공항 근처 흑돼지맛집 있나요");
    });

    it("matches words nori would drop or split: two words of a question's content find it", async () => {
      // 제대로 is an adverb nori's part-of-speech filter drops: as a required term it once matched nothing on the engine.
      expect(await titles("제대로 일출")).toEqual(["성산일출봉 일출 시간 궁금해요"]);
      expect(await titles("반납 저녁")).toEqual(["제주공항 근처 흑돼지맛집 있나요"]);
      // a typo nori reads as loose pieces must not match them: it goes to the typo pass
      expect(await titles("한나산")).toEqual([]);
    });

    it("treats question and request words as optional, and expands intents from the vocabulary", async () => {
      expect(await titles("한라산 코스 어디 있나요 알려주세요")).toEqual(["한라산 등산 코스 질문입니다"]);
      // 잘 곳 asks for a place to stay (숙소); 아이 ~ 아이들
      expect(await titles("아이 잘 곳")).toEqual(["함덕 해수욕장 근처 숙소 추천"]);
    });

    it("relaxed: most required terms accepted, full matches first", async () => {
      expect(await titles("조용한 카페 주차")).toEqual([]);
      expect(await titles("조용한 카페 주차", { relaxed: true })).toEqual(["애월 카페 추천 부탁드려요"]);
      // with a question word (optional: it only scores) and the facets counted over the same matches
      const withQuestionWord = await h.run(SearchIndex.use((s) => s.search(request("조용한 카페 주차 어디 있나요", { relaxed: true }))));
      expect(withQuestionWord.hits.map((x) => x.question.title)).toEqual(["애월 카페 추천 부탁드려요"]);
      expect(withQuestionWord.facets.categories).toEqual([{ key: "cafe", count: 1 }]);
      const partial = await titles("애월 조용한", { relaxed: true });
      expect(partial[0]).toBe("애월 카페 추천 부탁드려요");
      expect(partial).toContain("함덕 해수욕장 근처 숙소 추천");
      expect(await titles("애월 조용한 바다 펜션", { relaxed: true, atLeast: 1 })).toContain("함덕 해수욕장 근처 숙소 추천");
    });

    it("offers open or answered questions similar to a draft, best text match first, never hidden ones", async () => {
      const similar = async (draft: string) =>
        (await h.run(SearchIndex.use((s) => s.similar({ query: parseQuery(draft), limit: 10 })))).questions.map((x) => x.title);
      expect((await similar("애월에서 바다 보이는 카페 추천해 주세요"))[0]).toBe("애월 카페 추천 부탁드려요");
      const pork = await similar("흑돼지 먹을 곳 있나요");
      expect(pork[0]).toBe("제주공항 근처 흑돼지맛집 있나요");
      expect(pork).not.toContain("숨겨진 질문입니다 흑돼지 관련");
      // the status filter the similar search uses
      expect(await titles(undefined, { filters: { statuses: ["answered", "closed"] } })).toEqual([]);
      expect(await titles(undefined, { filters: { statuses: ["open"] } })).toHaveLength(5);
    });

    it("never returns hidden questions", async () => {
      expect(await titles("흑돼지")).not.toContain("숨겨진 질문입니다 흑돼지 관련");
      expect(await titles(undefined, { sort: "newest" })).toHaveLength(5);
    });

    it("filters by region, category, hashtags, urgency, answers, local authors, dates and distance", async () => {
      expect(await titles(undefined, { filters: { regionCodes: ["KR-49-02", "KR-49-02-05"] }, sort: "newest" })).toEqual([
        "성산일출봉 일출 시간 궁금해요",
        "한라산 등산 코스 질문입니다",
      ]);
      expect(await titles(undefined, { filters: { category: "stay" } })).toEqual(["함덕 해수욕장 근처 숙소 추천"]);
      expect(await titles(undefined, { filters: { hashtags: ["흑돼지", "없는태그"] } })).toEqual(["제주공항 근처 흑돼지맛집 있나요"]);
      expect(await titles(undefined, { filters: { urgency: "emergency" } })).toEqual(["성산일출봉 일출 시간 궁금해요"]);
      expect(await titles(undefined, { filters: { hasAnswers: true } })).toEqual(["함덕 해수욕장 근처 숙소 추천"]);
      expect(await titles(undefined, { filters: { localOnly: true }, sort: "oldest" })).toEqual([
        "애월 카페 추천 부탁드려요",
        "제주공항 근처 흑돼지맛집 있나요",
        "성산일출봉 일출 시간 궁금해요",
      ]);
      expect(
        await titles(undefined, {
          filters: { dateFrom: new Date(T0.getTime() + 2 * hour), dateTo: new Date(T0.getTime() + 4 * hour) },
          sort: "oldest",
        }),
      ).toEqual(["제주공항 근처 흑돼지맛집 있나요", "한라산 등산 코스 질문입니다", "함덕 해수욕장 근처 숙소 추천"]);
      const near = await h.run(
        SearchIndex.use((s) => s.search(request(undefined, { near: { center: { lat: 33.5104, lng: 126.4914 }, radiusKm: 5 } }))),
      );
      expect(near.hits.map((x) => x.question.title)).toEqual(["제주공항 근처 흑돼지맛집 있나요"]);
      expect(near.hits[0]?.distanceKm).toBeLessThan(1);
    });

    it("sorts seven ways and pages", async () => {
      for (const sort of SEARCH_SORTS) expect(await titles(undefined, { sort })).toHaveLength(5);
      expect((await titles(undefined, { sort: "newest" }))[0]).toBe("성산일출봉 일출 시간 궁금해요");
      expect((await titles(undefined, { sort: "oldest" }))[0]).toBe("애월 카페 추천 부탁드려요");
      expect((await titles(undefined, { sort: "urgent" })).slice(0, 2)).toEqual([
        "성산일출봉 일출 시간 궁금해요",
        "제주공항 근처 흑돼지맛집 있나요",
      ]);
      expect((await titles(undefined, { sort: "most_answers" }))[0]).toBe("함덕 해수욕장 근처 숙소 추천");
      expect((await titles(undefined, { sort: "most_views" }))[0]).toBe("함덕 해수욕장 근처 숙소 추천");
      const page2 = await h.run(SearchIndex.use((s) => s.search(request(undefined, { sort: "newest", offset: 2, limit: 2 }))));
      expect(page2.total).toBe(5);
      expect(page2.hits.map((x) => x.question.title)).toEqual(["한라산 등산 코스 질문입니다", "제주공항 근처 흑돼지맛집 있나요"]);
      // relevance: a title match outranks a content-only match
      expect((await titles("카페"))[0]).toBe("애월 카페 추천 부탁드려요");
    });

    it("counts facets over all matches", async () => {
      const page = await h.run(SearchIndex.use((s) => s.search(request(undefined, { limit: 1 }))));
      expect(page.facets.categories).toEqual([
        { key: "sightseeing", count: 2 },
        { key: "cafe", count: 1 },
        { key: "food", count: 1 },
        { key: "stay", count: 1 },
      ]);
      expect(page.facets.hashtags.find((f) => f.key === "흑돼지")).toEqual({ key: "흑돼지", count: 1 });
      expect(page.facets.regions.reduce((s, f) => s + f.count, 0)).toBe(5);
    });

    it("suggests titles by prefix and by 초성 prefix, within a region when asked", async () => {
      const titles = async (prefix: string, regionCode?: string) =>
        (await h.run(SearchIndex.use((s) => s.suggest(prefix, 5, regionCode)))).titles;
      expect(await titles("애월")).toEqual(["애월 카페 추천 부탁드려요"]);
      expect(await titles("ㅅㅅㅇ")).toEqual(["성산일출봉 일출 시간 궁금해요"]);
      // within a region (and the regions below it)
      expect(await titles("애월", "KR-49-01")).toEqual(["애월 카페 추천 부탁드려요"]);
      expect(await titles("애월", "KR-49-02")).toEqual([]);
      // hidden questions are never suggested
      expect(await titles("숨겨진")).toEqual([]);
    });

    it("counts listed questions by category since a time", async () => {
      const counted = await h.run(SearchIndex.use((s) => s.categoryCountsSince(new Date(T0.getTime() + 3 * hour))));
      expect(counted.counts).toEqual([
        { key: "sightseeing", count: 2 },
        { key: "stay", count: 1 },
      ]);
    });
  });
