import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ActivityHistory } from "../../src/application/ports/ActivityCounters.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { T0 } from "../support/builders.js";
import { questionN, userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** The questions a rebuild of the activity counters (and their PostgreSQL stand-in) counts. */
export const activityHistoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`ActivityHistory contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.dispose());

    it("gives the listed questions created at or after the time, oldest first, with hashtags and region", async () => {
      const author = userN(1);
      await h.run(UserRepository.use((r) => r.insert(author)));
      const qs = [
        questionN(1, author, { createdAt: at(-1), hashtags: ["너무이른"] }),
        questionN(2, author, { createdAt: at(10), hashtags: ["오름", "한라산"], regionCode: "KR-49-02-05" }),
        questionN(3, author, { createdAt: at(0), hashtags: [] }),
        questionN(4, author, { createdAt: at(5), status: "hidden" }),
        questionN(5, author, { createdAt: at(6), deletedAt: at(7) }),
        questionN(6, author, { createdAt: at(8), status: "closed", hashtags: ["애월"], regionCode: "KR-49-01-02" }),
      ];
      await h.run(QuestionRepository.use((r) => Effect.forEach(qs, (q) => r.insert(q))));
      const asked = await h.run(ActivityHistory.use((a) => a.askedSince(at(0))));
      expect(asked).toEqual([
        { questionId: qs[2]?.id, hashtags: [], regionCode: qs[2]?.regionCode, at: at(0) },
        { questionId: qs[5]?.id, hashtags: ["애월"], regionCode: "KR-49-01-02", at: at(8) },
        { questionId: qs[1]?.id, hashtags: ["오름", "한라산"], regionCode: "KR-49-02-05", at: at(10) },
      ]);
      expect(await h.run(ActivityHistory.use((a) => a.askedSince(at(11))))).toEqual([]);
    });
  });
