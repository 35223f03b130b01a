import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnswerRepository } from "../../src/application/ports/AnswerRepository.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { T0 } from "../support/builders.js";
import { answerN, questionN, userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

export const answerRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`AnswerRepository contract: ${name}`, () => {
    let h: Harness;
    const asker = userN(1);
    const local = userN(2);
    const inAewol = questionN(1, asker, { regionCode: "KR-49-01-02" });
    const inSeongsan = questionN(2, asker, { regionCode: "KR-49-02-05" });
    const alsoInAewol = questionN(3, asker, { regionCode: "KR-49-01-02" });
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => Effect.all([r.insert(asker), r.insert(local)])));
      await h.run(QuestionRepository.use((r) => Effect.all([r.insert(inAewol), r.insert(inSeongsan), r.insert(alsoInAewol)])));
    });
    afterEach(() => h.dispose());
    const answers = <A, E>(f: (r: AnswerRepository["Service"]) => Effect.Effect<A, E>) => h.run(AnswerRepository.use(f));

    it("round-trips an answer and lists a question's live answers oldest first", async () => {
      const a1 = answerN(1, inAewol, local, { images: ["a/1.jpg"] });
      const a2 = answerN(2, inAewol, asker);
      const gone = answerN(3, inAewol, local, { deletedAt: T0 });
      await answers((r) => Effect.all([r.insert(a2), r.insert(a1), r.insert(gone)]));
      expect(await answers((r) => r.findById(a1.id))).toEqual(a1);
      expect((await answers((r) => r.listByQuestion(inAewol.id))).map((a) => a.id)).toEqual([a1.id, a2.id]);
      expect(await answers((r) => r.listByQuestion(inSeongsan.id))).toEqual([]);
    });

    it("save marks acceptance and keeps likes; addLikes adds", async () => {
      const a = answerN(1, inAewol, local);
      await answers((r) => r.insert(a));
      await answers((r) => r.addLikes(a.id, 2));
      await answers((r) => r.save({ ...a, isAccepted: true, acceptedAt: T0 }));
      expect(await answers((r) => r.findById(a.id))).toEqual({ ...a, isAccepted: true, acceptedAt: T0, likeCount: 2 });
    });

    it("save hides an answer pending review and shows it again (hiddenAt)", async () => {
      const a = answerN(1, inAewol, local);
      await answers((r) => r.insert(a));
      await answers((r) => r.save({ ...a, hiddenAt: T0 }));
      expect((await answers((r) => r.findById(a.id)))?.hiddenAt).toEqual(T0);
      await answers((r) => r.save({ ...a, hiddenAt: null }));
      expect((await answers((r) => r.findById(a.id)))?.hiddenAt).toBeNull();
    });

    it("counts a user's accepted answers by the question's region", async () => {
      await answers((r) =>
        Effect.all([
          r.insert(answerN(1, inAewol, local, { isAccepted: true, acceptedAt: T0 })),
          r.insert(answerN(2, inSeongsan, local, { isAccepted: true, acceptedAt: T0 })),
          r.insert(answerN(3, inSeongsan, local)),
          r.insert(answerN(4, alsoInAewol, local, { isAccepted: true, acceptedAt: T0, deletedAt: T0 })),
        ]),
      );
      expect(await answers((r) => r.countAcceptedInRegions(local.id, ["KR-49-01", "KR-49-01-02"]))).toBe(1);
      expect(await answers((r) => r.countAcceptedInRegions(local.id, ["KR-49-01-02", "KR-49-02-05"]))).toBe(2);
      expect(await answers((r) => r.countAcceptedInRegions(asker.id, ["KR-49-01-02"]))).toBe(0);
    });
  });
