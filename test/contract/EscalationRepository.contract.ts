import { Effect } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EscalationRepository } from "../../src/application/ports/EscalationRepository.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { UserId } from "../../src/domain/shared/ids.js";
import { T0 } from "../support/builders.js";
import { questionN, userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

const HOUR = 3_600_000;

/** Verified locals by region, each told once per question, counts since a moment. */
export const escalationRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`EscalationRepository contract: ${name}`, () => {
    let h: Harness;
    const asker = userN(1);
    const aewol = userN(2, { verificationLevel: 2 });
    const hallim = userN(3, { verificationLevel: 2, regionCode: "KR-49-01-01" });
    const unverified = userN(4, { verificationLevel: 1 });
    const gone = userN(5, { verificationLevel: 2, deletedAt: T0 });
    const q1 = questionN(1, asker);
    const q2 = questionN(2, asker);
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => Effect.forEach([asker, aewol, hallim, unverified, gone], (u) => r.insert(u))));
      await h.run(QuestionRepository.use((r) => Effect.forEach([q1, q2], (q) => r.insert(q))));
    });
    afterEach(() => h.dispose());
    const run = <A>(f: (r: EscalationRepository["Service"]) => Effect.Effect<A>) => h.run(EscalationRepository.use(f));

    it("finds live verified locals of the regions, never the excluded asker", async () => {
      expect(await run((r) => r.localsIn(["KR-49-01-02"], asker.id, 10))).toEqual([aewol.id]);
      expect([...(await run((r) => r.localsIn(["KR-49-01-02", "KR-49-01-01"], asker.id, 10)))].sort()).toEqual(
        [aewol.id, hallim.id].sort(),
      );
      expect(await run((r) => r.localsIn(["KR-49-01-02"], aewol.id, 10))).toEqual([]);
      expect(await run((r) => r.localsIn([], asker.id, 10))).toEqual([]);
    });

    it("records each local once per question and counts their notices since a moment", async () => {
      expect(await run((r) => r.record(q1.id, [aewol.id, hallim.id], 0, T0))).toHaveLength(2);
      expect(await run((r) => r.record(q1.id, [aewol.id], 1, new Date(T0.getTime() + HOUR)))).toEqual([]);
      expect(await run((r) => r.record(q2.id, [aewol.id], 0, new Date(T0.getTime() + 2 * HOUR)))).toEqual([aewol.id]);
      expect(await run((r) => r.notifiedOf(q1.id))).toEqual(new Set([aewol.id, hallim.id]));
      expect(await run((r) => r.notifiedCount(q1.id))).toBe(2);
      expect(await run((r) => r.notifiedCount(q2.id))).toBe(1);
      const counts = await run((r) => r.countsSince([aewol.id, hallim.id, UserId(asker.id)], new Date(T0.getTime() + 1)));
      expect(counts).toEqual(new Map([[aewol.id, 1]]));
      expect(await run((r) => r.countsSince([], T0))).toEqual(new Map());
    });
  });
