import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { SearchOutbox } from "../../src/application/ports/SearchOutbox.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { questionN, userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

/** For stores that keep an outbox (the in-memory one always; PostgreSQL when a search engine is configured). */
export const searchOutboxContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`SearchOutbox contract: ${name}`, () => {
    let h: Harness;
    const u = userN(1);
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => r.insert(u)));
    });
    afterEach(() => h.dispose());

    it("every question change leaves one entry per question; completing an old version keeps the newer change", async () => {
      const [a, b] = [questionN(1, u), questionN(2, u)];
      await h.run(QuestionRepository.use((r) => Effect.all([r.insert(a), r.insert(b)])));
      await h.run(QuestionRepository.use((r) => r.addToCounters(a.id, { views: 1 })));
      const taken = await h.run(SearchOutbox.use((o) => o.take(10)));
      expect(taken.map((e) => e.questionId).sort()).toEqual([a.id, b.id].sort());
      // a change after taking: completing the taken version must not drop it
      await h.run(QuestionRepository.use((r) => r.save({ ...a, status: "closed" })));
      await h.run(SearchOutbox.use((o) => o.complete(taken)));
      const left = await h.run(SearchOutbox.use((o) => o.take(10)));
      expect(left.map((e) => e.questionId)).toEqual([a.id]);
      await h.run(SearchOutbox.use((o) => o.complete(left)));
      expect(await h.run(SearchOutbox.use((o) => o.pending))).toBe(0);
      expect(await h.run(SearchOutbox.use((o) => o.enqueueAll))).toBe(2);
    });

    it("a profile change enqueues the author's questions (nickname and local status are in their documents)", async () => {
      await h.run(QuestionRepository.use((r) => r.insert(questionN(1, u))));
      await h.run(SearchOutbox.use((o) => Effect.flatMap(o.take(10), (e) => o.complete(e))));
      await h.run(UserRepository.use((r) => r.saveProfile({ ...u, nickname: "새이름" })));
      expect(await h.run(SearchOutbox.use((o) => o.pending))).toBe(1);
    });
  });
