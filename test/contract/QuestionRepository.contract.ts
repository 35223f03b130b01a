import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnswerRepository } from "../../src/application/ports/AnswerRepository.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { compareKeys, QUESTION_SORTS, sortKey } from "../../src/domain/question/ordering.js";
import type { Question } from "../../src/domain/question/question.js";
import { T0 } from "../support/builders.js";
import { answerN, questionN, userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

export const questionRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`QuestionRepository contract: ${name}`, () => {
    let h: Harness;
    const author = userN(1);
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => r.insert(author)));
    });
    afterEach(() => h.dispose());
    const insert = (...qs: Question[]) => h.run(QuestionRepository.use((r) => Effect.forEach(qs, (q) => r.insert(q))));

    it("round-trips every field", async () => {
      const q = questionN(1, author, {
        location: { lat: 33.4627, lng: 126.3095 },
        locationDescription: "한담해변",
        images: ["q/1.jpg"],
        hashtags: ["애월", "흑돼지"],
      });
      await insert(q);
      expect(await h.run(QuestionRepository.use((r) => r.findById(q.id)))).toEqual(q);
      expect(await h.run(QuestionRepository.use((r) => r.findForUpdate(q.id)))).toEqual(q);
      expect(await h.run(QuestionRepository.use((r) => r.findById(questionN(99, author).id)))).toBeUndefined();
      expect(await h.run(QuestionRepository.use((r) => r.findByIds([q.id, questionN(99, author).id, q.id])))).toEqual([q]);
    });

    it("save changes status and acceptance but never the counters", async () => {
      const q = questionN(1, author);
      await insert(q);
      const answer = answerN(7, q, author);
      await h.run(AnswerRepository.use((r) => r.insert(answer)));
      await h.run(QuestionRepository.use((r) => r.addToCounters(q.id, { views: 3, answers: 2, likes: 1 })));
      const accepted = { ...q, status: "answered" as const, acceptedAnswerId: answer.id, acceptedAt: T0 };
      await h.run(QuestionRepository.use((r) => r.save(accepted)));
      expect(await h.run(QuestionRepository.use((r) => r.findById(q.id)))).toEqual({
        ...accepted,
        viewCount: 3,
        answerCount: 2,
        likeCount: 1,
      });
    });

    it("adds views to many questions at once as addToCounters would one by one, skipping unknown ids", async () => {
      const qs = Array.from({ length: 4 }, (_, i) => questionN(i + 1, author, { urgency: i === 2 ? "emergency" : "normal" }));
      await insert(...qs);
      const [a, b, c, d] = qs as [Question, Question, Question, Question];
      await h.run(QuestionRepository.use((r) => r.addToCounters(a.id, { views: 2, answers: 1 })));
      const unknown = questionN(99, author).id;
      const after = await h.run(
        QuestionRepository.use((r) =>
          r.addViews(
            new Map([
              [c.id, 40],
              [a.id, 3],
              [unknown, 5],
              [b.id, 1],
            ]),
          ),
        ),
      );
      expect(Object.fromEntries(after)).toEqual({ [a.id]: 5, [b.id]: 1, [c.id]: 40 });
      expect(await h.run(QuestionRepository.use((r) => r.addViews(new Map())))).toEqual(new Map());
      const stored = (await h.run(QuestionRepository.use((r) => r.findByIds([a.id, b.id, c.id, d.id])))) as Question[];
      expect(Object.fromEntries(stored.map((q) => [q.id, q.viewCount]))).toEqual({ [a.id]: 5, [b.id]: 1, [c.id]: 40, [d.id]: 0 });
      // The popular order follows the new counts, as after addToCounters.
      const popular = await h.run(QuestionRepository.use((r) => r.list({ sort: "popular", limit: 10 })));
      expect(popular.map((q) => q.id)).toEqual(
        [...stored].sort((x, y) => compareKeys(sortKey(x, "popular"), sortKey(y, "popular"))).map((q) => q.id),
      );
    });

    it("loses no views when write-backs over the same questions run at once, in any order", async () => {
      const qs = Array.from({ length: 6 }, (_, i) => questionN(i + 1, author));
      await insert(...qs);
      // Each write-back lists the questions in another order: a store that locked rows in list order would deadlock.
      const batches = Array.from({ length: 8 }, (_, k) => new Map(qs.map((q, i) => [qs[(i * (k + 1) + k) % qs.length]?.id ?? q.id, 1])));
      await Promise.all(batches.map((b) => h.run(QuestionRepository.use((r) => r.addViews(b)))));
      const stored = (await h.run(QuestionRepository.use((r) => r.findByIds(qs.map((q) => q.id))))) as Question[];
      const expected = new Map<string, number>();
      for (const b of batches) for (const [id, n] of b) expected.set(id, (expected.get(id) ?? 0) + n);
      expect(Object.fromEntries(stored.map((q) => [q.id, q.viewCount]))).toEqual(Object.fromEntries(expected));
    });

    it("lists only listed questions, filtered, in each sort's order, after a cursor", async () => {
      const qs = Array.from({ length: 9 }, (_, i) =>
        questionN(i + 1, author, {
          regionCode: i % 3 === 0 ? "KR-49-02-05" : "KR-49-01-02",
          category: i % 2 === 0 ? "food" : "cafe",
          urgency: i % 4 === 0 ? "emergency" : "normal",
          status: i === 4 ? "hidden" : i === 5 ? "closed" : "open",
          deletedAt: i === 6 ? T0 : null,
        }),
      );
      await insert(...qs);
      for (const [i, q] of qs.entries())
        await h.run(QuestionRepository.use((r) => r.addToCounters(q.id, { views: (i * 7) % 5, answers: i % 3 })));
      const stored = await h.run(QuestionRepository.use((r) => Effect.forEach(qs, (q) => r.findById(q.id))));
      const listed = stored.filter((q): q is Question => q !== undefined && q.deletedAt === null && q.status !== "hidden");
      for (const sort of QUESTION_SORTS) {
        const expected = [...listed].sort((a, b) => compareKeys(sortKey(a, sort), sortKey(b, sort)));
        const all = await h.run(QuestionRepository.use((r) => r.list({ sort, limit: 50 })));
        expect(all.map((q) => q.id)).toEqual(expected.map((q) => q.id));
        const first = all[1] as Question;
        const rest = await h.run(QuestionRepository.use((r) => r.list({ sort, limit: 50, after: sortKey(first, sort) })));
        expect(rest.map((q) => q.id)).toEqual(all.slice(2).map((q) => q.id));
      }
      const inSeongsan = await h.run(QuestionRepository.use((r) => r.list({ sort: "newest", limit: 50, regionCodes: ["KR-49-02-05"] })));
      expect(inSeongsan.every((q) => q.regionCode === "KR-49-02-05")).toBe(true);
      const cafes = await h.run(QuestionRepository.use((r) => r.list({ sort: "newest", limit: 50, category: "cafe", statuses: ["open"] })));
      expect(cafes.every((q) => q.category === "cafe" && q.status === "open")).toBe(true);
      expect(await h.run(QuestionRepository.use((r) => r.list({ sort: "newest", limit: 2 })))).toHaveLength(2);
    });

    it("finds listed questions with a location within a radius, nearest first", async () => {
      const airport = { lat: 33.5104, lng: 126.4914 };
      await insert(
        questionN(1, author, { location: { lat: 33.5, lng: 126.53 } }),
        questionN(2, author, { location: { lat: 33.4581, lng: 126.9425 } }),
        questionN(3, author, { location: { lat: 33.511, lng: 126.492 } }),
        questionN(4, author, { location: { lat: 33.5111, lng: 126.4921 }, status: "hidden" }),
        questionN(5, author),
      );
      const near = await h.run(QuestionRepository.use((r) => r.nearby({ center: airport, radiusKm: 10, limit: 10 })));
      expect(near.map((n) => n.question.id)).toEqual([questionN(3, author).id, questionN(1, author).id]);
      expect(near[0]?.distanceKm).toBeLessThan(0.2);
      expect(near[1]?.distanceKm).toBeGreaterThan(3);
      expect(await h.run(QuestionRepository.use((r) => r.nearby({ center: airport, radiusKm: 100, limit: 1 })))).toHaveLength(1);
    });
  });
