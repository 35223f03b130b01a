import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { GRADED_QUERIES } from "../../scripts/bench/search-eval/judgments.js";
import { FULL_MATCH_BONUS, matchDocument, searchDocument } from "../../src/domain/search/document.js";
import { looseQuery, minimumMatch, parseQuery, requiredTerms } from "../../src/domain/search/query.js";
import { NEAR_DUPLICATE, rankSimilar, SIMILAR_LIMIT, textSimilarity } from "../../src/domain/search/similar.js";
import { isOptionalWord, VOCABULARY } from "../../src/domain/search/synonyms.js";
import { aQuestion, T0 } from "../support/builders.js";

const WORDS = [
  "애월",
  "카페",
  "흑돼지",
  "맛집",
  "추천",
  "어디",
  "알려주세요",
  "주차",
  "조용한",
  "바다",
  "병원",
  "소아과",
  "쓰레기",
  "버리는",
  "법",
  "갈만한",
  "곳",
  "있나요",
  "한라산",
  "예약",
  "내일",
  "제대로",
];
const text = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((ws) => ws.join(" "));
const doc = fc.record({ title: text, content: text, hashtags: fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }) });

describe("query parsing and matching", () => {
  test.prop([fc.integer({ min: 0, max: 30 })])("a relaxed match needs half the required terms or more, and at least one", (n) => {
    const m = minimumMatch(n);
    expect(m).toBeLessThanOrEqual(n);
    expect(m * 2).toBeGreaterThanOrEqual(n);
    if (n > 0) expect(m).toBeGreaterThanOrEqual(1);
  });

  test.prop([text, doc])("relaxing keeps every strict match with the same score", (q, d) => {
    const query = parseQuery(q);
    const strict = matchDocument(searchDocument(d, ""), query, "strict");
    if (strict !== undefined) expect(matchDocument(searchDocument(d, ""), query, "relaxed")).toBe(strict);
  });

  test.prop([text, doc, doc])("a full match outranks any partial match", (q, a, b) => {
    const query = parseQuery(q);
    const full = matchDocument(searchDocument(a, ""), query, "strict");
    const partialOnly =
      matchDocument(searchDocument(b, ""), query, "strict") === undefined
        ? matchDocument(searchDocument(b, ""), query, "relaxed")
        : undefined;
    if (full !== undefined && partialOnly !== undefined) expect(full).toBeGreaterThan(partialOnly);
  });

  test.prop([text, doc, fc.constantFrom("어디", "추천", "알려주세요", "있나요", "곳", "방법")])(
    "a question or request word never loses a match",
    (q, d, extra) => {
      // (A query of question words only must match them: that case is not this property's.)
      fc.pre(q.split(" ").some((w) => !isOptionalWord(w, w)));
      const before = matchDocument(searchDocument(d, ""), parseQuery(q), "strict");
      if (before !== undefined) expect(matchDocument(searchDocument(d, ""), parseQuery(`${q} ${extra}`), "strict")).toBeDefined();
    },
  );

  test("question words are optional unless the query has nothing else", () => {
    const q = parseQuery("애월 카페 어디 있나요 추천해주세요");
    expect(q.kind === "terms" && requiredTerms(q.terms).map((t) => t.text)).toEqual(["애월", "카페"]);
    const only = parseQuery("추천 어디");
    expect(only.kind === "terms" && requiredTerms(only.terms).map((t) => t.text)).toEqual(["추천", "어디"]);
  });

  test("intents and synonyms come from the vocabulary: phrases (버리는 법) and words (병원)", () => {
    const q = parseQuery("쓰레기 버리는 법 알려주세요");
    expect(q.kind === "terms" && q.terms.map((t) => t.word)).toEqual(["쓰레기", "버리는 법", "알려주세요"]);
    expect(q.kind === "terms" && q.terms.map((t) => t.optional)).toEqual([false, false, true]);
    expect(q.kind === "terms" && q.terms[1]?.forms).toContain("분리수거");
    const h = parseQuery("병원");
    expect(h.kind === "terms" && h.terms[0]?.forms).toEqual(expect.arrayContaining(["소아과", "응급실", "의원"]));
    const d = { title: "주말에 여는 소아과 있나요?", content: "", hashtags: [] };
    expect(matchDocument(searchDocument(d, ""), h, "strict")).toBeGreaterThan(0);
  });

  test("predicates and compounds match by their stems and parts", () => {
    const d = { title: "렌터카 반납 전에 세차 꼭 해야 하나요?", content: "", hashtags: [] };
    expect(matchDocument(searchDocument(d, ""), parseQuery("반납할 때 세차해야"), "strict")).toBeGreaterThan(FULL_MATCH_BONUS);
    const cafe = { title: "애월 근처 주차 편한 카페", content: "", hashtags: [] };
    expect(matchDocument(searchDocument(cafe, ""), parseQuery("애월카페"), "strict")).toBeDefined();
    expect(looseQuery("흑돼지맛집").kind === "terms").toBe(true);
  });

  test("English-mode typing with a typo is forgiven in Hangul (gkssktks = 한나산 ≈ 한라산)", () => {
    const d = { title: "한라산 성판악 코스 예약해야 하나요?", content: "", hashtags: [] };
    expect(matchDocument(searchDocument(d, ""), parseQuery("gkssktks"), "typos")).toBeDefined();
  });

  test("the vocabulary is general: no evaluation query is one of its entries", () => {
    const entries = new Set([
      ...VOCABULARY.optional,
      ...VOCABULARY.synonyms.flat(),
      ...VOCABULARY.intents.flatMap((i) => [...i.query, ...i.matches]),
    ]);
    for (const q of GRADED_QUERIES) if (q.text.includes(" ")) expect(entries.has(q.text), q.text).toBe(false);
  });
});

describe("similar questions", () => {
  const hour = 3_600_000;
  const candidate = fc.record({
    title: text,
    content: text,
    status: fc.constantFrom("open", "answered", "closed", "hidden") as fc.Arbitrary<"open" | "answered" | "closed" | "hidden">,
    ageHours: fc.integer({ min: 0, max: 24 * 60 }),
    km: fc.option(fc.double({ min: 0, max: 40, noNaN: true }), { nil: undefined }),
  });
  type Candidate = typeof candidate extends fc.Arbitrary<infer C> ? C : never;
  const build = (c: Candidate, i: number) =>
    aQuestion({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}` as never,
      title: c.title,
      content: c.content,
      status: c.status,
      createdAt: new Date(T0.getTime() - c.ageHours * hour),
      location: c.km === undefined ? null : { lat: 33.45 + c.km / 111, lng: 126.5 },
    });

  test.prop([text, fc.array(candidate, { maxLength: 12 })])(
    "at most five, open or answered only, best first; a near-duplicate is recent, near and alike",
    (title, cs) => {
      const draft = { title, location: { lat: 33.45, lng: 126.5 } };
      const ranked = rankSimilar(draft, cs.map(build), T0);
      expect(ranked.length).toBeLessThanOrEqual(SIMILAR_LIMIT);
      for (const r of ranked) expect(["open", "answered"]).toContain(r.question.status);
      for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
      for (const r of ranked)
        if (r.nearDuplicate) {
          expect(T0.getTime() - r.question.createdAt.getTime()).toBeLessThanOrEqual(NEAR_DUPLICATE.hours * hour);
          expect(r.distanceKm).not.toBeNull();
          expect(r.distanceKm!).toBeLessThanOrEqual(NEAR_DUPLICATE.km);
          expect(r.textSimilarity).toBeGreaterThanOrEqual(NEAR_DUPLICATE.text);
        }
    },
  );

  test("the same question asked an hour ago nearby is a near-duplicate; a day ago it is only similar", () => {
    const title = "협재해수욕장 주차장 주말에 자리 있나요?";
    const here = { lat: 33.394, lng: 126.2396 };
    const recent = aQuestion({ title, content: "", location: here, createdAt: new Date(T0.getTime() - hour) });
    const old = { ...recent, id: "00000000-0000-4000-8000-000000000009" as never, createdAt: new Date(T0.getTime() - 30 * hour) };
    const ranked = rankSimilar({ title: "협재 해수욕장 주차 자리 있을까요", location: here }, [old, recent], T0);
    expect(ranked.map((r) => r.nearDuplicate)).toEqual([true, false]);
    expect(textSimilarity({ title }, recent)).toBe(1);
  });
});
