import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { RegionStats } from "../../src/application/ports/RegionStats.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { T0 } from "../support/builders.js";
import { questionN, userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const AEWOL = "KR-49-01-02";
const SEONGSAN = "KR-49-02-05";

export const regionStatsContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`RegionStats contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.dispose());

    it("counts listed questions and users that are not deleted, in the regions given", async () => {
      const users = [
        userN(1, { regionCode: AEWOL }),
        userN(2, { regionCode: AEWOL }),
        userN(3, { regionCode: SEONGSAN }),
        userN(4, { regionCode: null }),
        userN(5, { regionCode: AEWOL, deletedAt: T0 }),
      ];
      await h.run(UserRepository.use((r) => Effect.forEach(users, (u) => r.insert(u))));
      const [a] = users as [(typeof users)[0]];
      const qs = [
        questionN(1, a, { regionCode: AEWOL }),
        questionN(2, a, { regionCode: AEWOL }),
        questionN(3, a, { regionCode: AEWOL, status: "hidden" }),
        questionN(4, a, { regionCode: AEWOL, deletedAt: T0 }),
        questionN(5, a, { regionCode: SEONGSAN, status: "closed" }),
      ];
      await h.run(QuestionRepository.use((r) => Effect.forEach(qs, (q) => r.insert(q))));
      const count = (codes: string[]) => h.run(RegionStats.use((s) => s.count(codes)));
      expect(await count([AEWOL])).toEqual({ questions: 2, users: 2 });
      expect(await count([SEONGSAN])).toEqual({ questions: 1, users: 1 });
      expect(await count([AEWOL, SEONGSAN])).toEqual({ questions: 3, users: 3 });
      expect(await count(["KR-49-01-01"])).toEqual({ questions: 0, users: 0 });
      expect(await count([])).toEqual({ questions: 0, users: 0 });
    });
  });
