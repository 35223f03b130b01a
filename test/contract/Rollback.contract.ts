import { Effect, Exit } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnswerRepository } from "../../src/application/ports/AnswerRepository.js";
import { BadgeRepository } from "../../src/application/ports/BadgeRepository.js";
import { HashtagRepository } from "../../src/application/ports/HashtagRepository.js";
import { LedgerRepository } from "../../src/application/ports/LedgerRepository.js";
import { LikeRepository } from "../../src/application/ports/LikeRepository.js";
import { NotificationRepository } from "../../src/application/ports/NotificationRepository.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { SessionStore } from "../../src/application/ports/SessionStore.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { UserRepository } from "../../src/application/ports/UserRepository.js";
import { type LedgerEntry, referenceKey } from "../../src/domain/ledger/ledger.js";
import { NotificationId } from "../../src/domain/shared/ids.js";
import { T0 } from "../support/builders.js";
import { answerN, questionN, userN, uuid } from "./fixtures.js";
import type { Harness, HarnessFactory } from "./harness.js";

/** A failed unit of work leaves no trace in any table, whichever port wrote to it. */
export const rollbackContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`UnitOfWork rollback across every table: ${name}`, () => {
    let h: Harness;
    const u = userN(1);
    const q = questionN(1, u);
    beforeEach(async () => {
      h = await makeHarness();
      await h.run(UserRepository.use((r) => r.insert(u)));
      await h.run(QuestionRepository.use((r) => r.insert(q)));
    });
    afterEach(() => h.dispose());

    const entry: LedgerEntry = {
      id: uuid(1, 4),
      userId: u.id,
      type: "earn_accepted_answer",
      amount: 150,
      reference: { type: "answer", id: uuid(1, 3) },
      description: "테스트",
      balanceBefore: 0,
      balanceAfter: 150,
      createdAt: T0,
    };

    it("undoes the writes of every port when the unit fails", async () => {
      let token = "";
      const failing = UnitOfWork.use((uow) =>
        uow.transact(
          Effect.gen(function* () {
            yield* UserRepository.use((r) => Effect.andThen(r.insert(userN(2)), r.addToCounters(u.id, { questions: 1 })));
            yield* QuestionRepository.use((r) => Effect.andThen(r.insert(questionN(2, u)), r.addToCounters(q.id, { views: 1 })));
            yield* AnswerRepository.use((r) => r.insert(answerN(1, q, u)));
            yield* LikeRepository.use((r) => r.add("question", q.id, u.id));
            yield* LedgerRepository.use((r) => r.append(entry, referenceKey(entry), { userId: u.id, balance: 150, totalEarned: 150 }));
            yield* BadgeRepository.use((r) => r.upsert(u.id, { type: "first_answer", level: 1 }, T0));
            yield* NotificationRepository.use((r) =>
              r.insert({
                id: NotificationId(uuid(1, 5)),
                userId: u.id,
                type: "new_answer",
                title: "새 답변이 달렸습니다",
                message: "메시지",
                data: {},
                isRead: false,
                createdAt: T0,
              }),
            );
            yield* HashtagRepository.use((r) => r.recordUses(["애월"], T0));
            token = (yield* SessionStore.use((s) =>
              s.create({ userId: u.id, createdAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000), userAgent: null }),
            )).token;
            return yield* Effect.fail({ _tag: "Nope" as const });
          }),
        ),
      );
      expect(Exit.isFailure(await h.exit(failing))).toBe(true);

      expect(await h.run(UserRepository.use((r) => r.findById(userN(2).id)))).toBeUndefined();
      expect(await h.run(UserRepository.use((r) => r.findById(u.id)))).toMatchObject({ questionCount: 0, pointBalance: 0 });
      expect(await h.run(QuestionRepository.use((r) => r.findById(questionN(2, u).id)))).toBeUndefined();
      expect((await h.run(QuestionRepository.use((r) => r.findById(q.id))))?.viewCount).toBe(0);
      expect(await h.run(AnswerRepository.use((r) => r.listByQuestion(q.id)))).toEqual([]);
      expect(await h.run(LedgerRepository.use((r) => r.history(u.id, undefined, 10)))).toEqual([]);
      expect(await h.run(LedgerRepository.use((r) => r.hasReference(referenceKey(entry))))).toBe(false);
      expect(await h.run(BadgeRepository.use((r) => r.listByUser(u.id)))).toEqual([]);
      expect(await h.run(NotificationRepository.use((r) => r.list(u.id, { unreadOnly: false, limit: 10 })))).toEqual([]);
      expect(await h.run(HashtagRepository.use((r) => r.usesSince(T0)))).toEqual([]);
      expect(await h.run(SessionStore.use((s) => s.resolve(token)))).toBeUndefined();
      // Last: adding the like again is new only if the first one was undone.
      expect(await h.run(LikeRepository.use((r) => r.add("question", q.id, u.id)))).toBe(true);
    });
  });
