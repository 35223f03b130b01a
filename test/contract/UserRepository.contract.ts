import { Exit } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { T0 } from "../support/builders.js";
import { userN } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

export const userRepositoryContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`UserRepository contract: ${name}`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(() => h.dispose());
    const users = <A, E>(f: (r: UserRepository["Service"]) => import("effect").Effect.Effect<A, E>) => h.run(UserRepository.use(f));

    it("stores and finds a user by id, ids and email", async () => {
      const u = userN(1);
      await users((r) => r.insert(u));
      expect(await users((r) => r.findById(u.id))).toEqual(u);
      expect(await users((r) => r.findByEmail("user1@example.kr"))).toEqual(u);
      expect(await users((r) => r.findByIds([u.id, u.id]))).toEqual([u]);
      expect(await users((r) => r.findByEmail("nobody@example.kr"))).toBeUndefined();
    });

    it("refuses a second non-deleted user with the same email, allows it after soft delete", async () => {
      await users((r) => r.insert(userN(1)));
      const dup = await h.exit(UserRepository.use((r) => r.insert(userN(2, { email: "user1@example.kr" }))));
      expect(Exit.findError(dup)).toMatchObject({ success: { _tag: "EmailTaken" } });
      await users((r) => r.saveProfile({ ...userN(1), deletedAt: T0 }));
      await users((r) => r.insert(userN(3, { email: "user1@example.kr" })));
      expect((await users((r) => r.findByEmail("user1@example.kr")))?.id).toBe(userN(3).id);
    });

    it("adds to counters atomically and keeps them when the profile is saved", async () => {
      const u = userN(1);
      await users((r) => r.insert(u));
      await users((r) => r.addToCounters(u.id, { questions: 2, answers: 1 }));
      await users((r) => r.addToCounters(u.id, { accepted: 1 }));
      await users((r) => r.saveProfile({ ...u, nickname: "새이름", verificationLevel: 1, verifiedDays: ["2026-11-01"] }));
      expect(await users((r) => r.findById(u.id))).toMatchObject({
        nickname: "새이름",
        verificationLevel: 1,
        verifiedDays: ["2026-11-01"],
        questionCount: 2,
        answerCount: 1,
        acceptedAnswerCount: 1,
      });
    });

    it("touch moves last activity", async () => {
      const u = userN(1);
      await users((r) => r.insert(u));
      const later = new Date(T0.getTime() + 5000);
      await users((r) => r.touch(u.id, later));
      expect((await users((r) => r.findById(u.id)))?.lastActiveAt).toEqual(later);
    });
  });
