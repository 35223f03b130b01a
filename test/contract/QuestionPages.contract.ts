import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnswerRepository } from "../../src/application/ports/AnswerRepository.js";
import { QuestionPages } from "../../src/application/ports/QuestionPages.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { AnswerId } from "../../src/domain/shared/ids.js";
import { T0 } from "../support/builders.js";
import { answerN, questionN, userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const at = (ms: number) => new Date(T0.getTime() + ms);

export const questionPagesContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`QuestionPages contract: ${name}`, () => {
    let h: Harness;
    const asker = userN(1, { nickname: "질문자", privacySettings: { showRegion: false } });
    const helper = userN(2, { nickname: "도우미", regionCode: "KR-49-01-02", verificationLevel: 2 });
    const other = userN(3, { nickname: "이웃" });
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => Effect.forEach([asker, helper, other], (u) => r.insert(u))));
    });
    afterEach(() => h.dispose());
    const find = (id: string) => h.run(QuestionPages.use((p) => p.find(id)));

    it("reads the question, its answers in display order and their authors' shown columns, timestamps as ISO strings", async () => {
      const asked = questionN(1, asker, {
        location: { lat: 33.4627, lng: 126.3095 },
        locationDescription: "한담해변",
        hashtags: ["애월"],
        images: ["q/1.jpg"],
      });
      await h.run(QuestionRepository.use((r) => r.insert(asked)));
      const q = { ...asked, acceptedAnswerId: AnswerId(answerN(3, asked, helper).id), acceptedAt: at(9_000), status: "answered" as const };
      const old = answerN(1, q, other, { createdAt: at(1_000), updatedAt: at(1_000) });
      const liked = answerN(2, q, other, { likeCount: 5, createdAt: at(3_000), updatedAt: at(3_000) });
      const accepted = answerN(3, q, helper, { isAccepted: true, acceptedAt: at(9_000), createdAt: at(5_000), updatedAt: at(5_000) });
      const newer = answerN(4, q, other, { createdAt: at(2_000), updatedAt: at(2_000) });
      const gone = answerN(5, q, other, { deletedAt: at(6_000) });
      await h.run(AnswerRepository.use((r) => Effect.forEach([old, liked, accepted, newer, gone], (a) => r.insert(a))));
      await h.run(QuestionRepository.use((r) => r.save(q)));

      const page = await find(q.id);
      expect(page?.question).toEqual({
        id: q.id,
        authorId: asker.id,
        title: q.title,
        content: q.content,
        hashtags: ["애월"],
        regionCode: q.regionCode,
        category: q.category,
        urgency: q.urgency,
        status: "answered",
        location: { lat: 33.4627, lng: 126.3095 },
        locationDescription: "한담해변",
        locationIsPublic: false,
        images: ["q/1.jpg"],
        viewCount: 0,
        likeCount: 0,
        answerCount: 0,
        acceptedAnswerId: accepted.id,
        acceptedAt: at(9_000).toISOString(),
        createdAt: q.createdAt.toISOString(),
        updatedAt: q.updatedAt.toISOString(),
      });
      expect(page?.answers.map((a) => a.id)).toEqual([accepted.id, liked.id, old.id, newer.id]);
      expect(page?.answers[0]).toEqual({
        id: accepted.id,
        questionId: q.id,
        authorId: helper.id,
        content: accepted.content,
        images: accepted.images,
        likeCount: 0,
        qualityScore: accepted.qualityScore,
        isAccepted: true,
        acceptedAt: at(9_000).toISOString(),
        hiddenAt: null,
        createdAt: at(5_000).toISOString(),
        updatedAt: at(5_000).toISOString(),
      });
      expect(page?.authors.map((u) => u.nickname).sort()).toEqual(["도우미", "이웃", "질문자"]);
      expect(page?.authors.find((u) => u.id === asker.id)?.regionCode).toBeNull();
      expect(page?.authors.find((u) => u.id === helper.id)).toEqual({
        id: helper.id,
        nickname: "도우미",
        regionCode: "KR-49-01-02",
        verificationLevel: 2,
        questionCount: helper.questionCount,
        answerCount: helper.answerCount,
        acceptedAnswerCount: helper.acceptedAnswerCount,
        createdAt: helper.createdAt.toISOString(),
      });
    });

    it("reads a question without answers, a hidden one, and nothing for a deleted, unknown or malformed id", async () => {
      const plain = questionN(1, asker);
      const hidden = questionN(2, asker, { status: "hidden" });
      const deleted = questionN(3, asker, { deletedAt: T0 });
      await h.run(QuestionRepository.use((r) => Effect.forEach([plain, hidden, deleted], (q) => r.insert(q))));
      const page = await find(plain.id);
      expect(page?.answers).toEqual([]);
      expect(page?.authors.map((u) => u.id)).toEqual([asker.id]);
      expect(page?.question.location).toBeNull();
      expect((await find(hidden.id))?.question.status).toBe("hidden");
      expect(await find(deleted.id)).toBeUndefined();
      expect(await find(questionN(99, asker).id)).toBeUndefined();
      expect(await find("not-a-uuid")).toBeUndefined();
    });

    it("carries an answer's hidden time and the asker's public-place mark (the use case decides who sees them)", async () => {
      const q = questionN(4, asker, { location: { lat: 33.4627, lng: 126.3095 }, locationIsPublic: true });
      await h.run(QuestionRepository.use((r) => r.insert(q)));
      const hiddenAnswer = answerN(1, q, other, { hiddenAt: at(4_000) });
      await h.run(AnswerRepository.use((r) => r.insert(hiddenAnswer)));
      const page = await find(q.id);
      expect(page?.question.locationIsPublic).toBe(true);
      expect(page?.answers.map((a) => a.hiddenAt)).toEqual([at(4_000).toISOString()]);
    });
  });
