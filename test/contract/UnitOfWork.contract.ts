import { Effect, Exit } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { RegionRepository } from "../../src/application/ports/RegionRepository.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { ViewCounter } from "../../src/application/ports/ViewCounter.js";
import { questionN, userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

export const unitOfWorkContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`UnitOfWork, ViewCounter, RegionRepository contracts: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.dispose());

    it("commits every write together", async () => {
      await h.run(UnitOfWork.use((u) => u.transact(UserRepository.use((r) => Effect.all([r.insert(userN(1)), r.insert(userN(2))])))));
      expect(await h.run(UserRepository.use((r) => r.findByIds([userN(1).id, userN(2).id])))).toHaveLength(2);
    });

    it("rolls back every write on an expected failure and on a defect, including nested units", async () => {
      const failing = UnitOfWork.use((u) =>
        u.transact(
          Effect.gen(function* () {
            yield* UserRepository.use((r) => r.insert(userN(1)));
            yield* UnitOfWork.use((inner) => inner.transact(UserRepository.use((r) => r.addToCounters(userN(1).id, { questions: 1 }))));
            return yield* Effect.fail({ _tag: "Nope" as const });
          }),
        ),
      );
      expect(Exit.isFailure(await h.exit(failing))).toBe(true);
      expect(await h.run(UserRepository.use((r) => r.findById(userN(1).id)))).toBeUndefined();
      const dying = UnitOfWork.use((u) =>
        u.transact(
          Effect.andThen(
            UserRepository.use((r) => r.insert(userN(2))),
            Effect.die("boom"),
          ),
        ),
      );
      expect(Exit.isFailure(await h.exit(dying))).toBe(true);
      expect(await h.run(UserRepository.use((r) => r.findById(userN(2).id)))).toBeUndefined();
    });

    it("counts views", async () => {
      const u = userN(1);
      const q = questionN(1, u);
      await h.run(UserRepository.use((r) => r.insert(u)));
      await h.run(QuestionRepository.use((r) => r.insert(q)));
      const anonymous = (key: string) => ({ userId: null, key });
      await h.run(ViewCounter.use((v) => Effect.all([v.record(q.id, anonymous("a"), u.id), v.record(q.id, anonymous("b"), u.id)])));
      await h.run(ViewCounter.use((v) => v.flush));
      expect((await h.run(QuestionRepository.use((r) => r.findById(q.id))))?.viewCount).toBe(2);
    });

    it("serves the region catalog", async () => {
      const catalog = await h.run(RegionRepository.use((r) => r.catalog));
      expect(catalog.byCode.get("KR-49-01-02")?.name).toBe("애월읍");
    });
  });
