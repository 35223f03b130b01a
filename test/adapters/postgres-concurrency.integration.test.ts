import { Effect, Exit, type Layer, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { register } from "../../src/application/account/register.js";
import { acceptAnswer } from "../../src/application/answer/acceptAnswer.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { awardPoints } from "../../src/application/ledger/awardPoints.js";
import { pointsBalance } from "../../src/application/ledger/pointsBalance.js";
import { pointsHistory } from "../../src/application/ledger/pointsHistory.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import { award, type Posting } from "../../src/domain/ledger/ledger.js";
import type { UserId } from "../../src/domain/shared/ids.js";
import { pgAppLayer, TARGETS, type TestDatabase, truncateAll } from "../support/postgres.js";

const N = 100;
const answerText = "우도 가는 배는 성산항에서 30분마다 있어요. 신분증 꼭 챙기세요.";

for (const [target, create] of Object.entries(TARGETS)) {
  describe(`concurrency on real PostgreSQL (${target}): ${N} simultaneous requests`, () => {
    let db: TestDatabase;
    let app: ManagedRuntime.ManagedRuntime<Layer.Success<ReturnType<typeof pgAppLayer>>, unknown>;
    beforeAll(async () => {
      db = await create();
      app = ManagedRuntime.make(pgAppLayer(db.url, 20));
    }, 120_000);
    afterAll(async () => {
      await app?.dispose();
      await db?.drop();
    });

    const newUser = (n: number, tag: string) =>
      app
        .runPromise(register({ email: `${tag}${n}@example.kr`, password: "비밀번호12345", nickname: `${tag}${n}` }))
        .then((r) => r.user.id);

    it(`${N} concurrent accepts on one question: exactly one accepted answer and one award; the others CONFLICT`, async () => {
      await truncateAll(db.url);
      const asker = await newUser(0, "asker");
      const q = await app.runPromise(
        askQuestion({
          authorId: asker,
          title: "우도 배편 시간 알려주세요 급해요",
          content: "내일 아침 우도에 들어가려는데 첫 배가 몇 시인지 궁금합니다.",
          regionCode: "KR-49-01-07",
        }),
      );
      const answerers = await Promise.all(Array.from({ length: 20 }, (_, i) => newUser(i, "local")));
      const answers = await Promise.all(
        answerers.map((u) => app.runPromise(postAnswer({ questionId: q.id, authorId: u, content: answerText }))),
      );
      // Half the requests race for the same answer, the rest for different answers of the same question.
      const targets = Array.from({ length: N }, (_, i) => (i % 2 === 0 ? answers[0] : answers[i % answers.length]));
      const exits = await Promise.all(targets.map((a) => app.runPromiseExit(acceptAnswer({ answerId: a!.id, actorId: asker }))));
      const ok = exits.filter(Exit.isSuccess);
      const failures = exits.filter(Exit.isFailure);
      expect(ok).toHaveLength(1);
      for (const f of failures) expect(Exit.findError(f)).toMatchObject({ success: { _tag: "AnswerAlreadyAccepted" } });
      const winner = ok[0]!.value.answer.authorId;
      const balances = await Promise.all(answerers.map((u) => app.runPromise(pointsBalance(u))));
      const accepted = balances.filter((b) => b.balance > 10);
      expect(accepted).toHaveLength(1);
      expect((await app.runPromise(pointsBalance(winner))).balance).toBe(10 + 150);
    });

    it(`${N} concurrent awards to one user: the balance equals the sum of the ledger, each reference once`, async () => {
      await truncateAll(db.url);
      const user = await newUser(1, "earner");
      const refs = Array.from({ length: N }, (_, i) => `a${i % 60}`);
      const run = (p: Posting) => app.runPromiseExit(UnitOfWork.use((u) => u.transact(awardPoints(p))));
      const exits = await Promise.all(refs.map((r) => run(award(user, "earn_accepted_answer", { type: "answer", id: r }))));
      expect(exits.every(Exit.isSuccess)).toBe(true);
      const { balance } = await app.runPromise(pointsBalance(user));
      const history = await app.runPromise(pointsHistory(user, { limit: 50 }));
      const all = [...history.items];
      let cursor = history.nextCursor;
      while (cursor) {
        const page = await app.runPromise(pointsHistory(user, { cursor, limit: 50 }));
        all.push(...page.items);
        cursor = page.nextCursor;
      }
      expect(balance).toBe(60 * 150);
      expect(all.reduce((s, e) => s + e.amount, 0)).toBe(balance);
      expect(all[0]?.balanceAfter).toBe(balance);
    });

    it("a spend race that would go negative: exactly the affordable spends succeed, nothing partial is written", async () => {
      await truncateAll(db.url);
      const user = await newUser(2, "spender");
      await app.runPromise(
        UnitOfWork.use((u) => u.transact(awardPoints(award(user, "earn_accepted_answer", { type: "answer", id: "seed" })))),
      );
      await app.runPromise(
        UnitOfWork.use((u) => u.transact(awardPoints(award(user, "earn_accepted_answer", { type: "answer", id: "seed2" })))),
      );
      // 300 points; each highlight costs 100: three may succeed, whatever the interleaving.
      const spend = (i: number) =>
        app.runPromiseExit(
          UnitOfWork.use((u) =>
            u.transact(
              Effect.gen(function* () {
                yield* awardPoints(award(user as UserId, "spend_highlight", { type: "question", id: `q${i}` }));
              }),
            ),
          ),
        );
      const exits = await Promise.all(Array.from({ length: 30 }, (_, i) => spend(i)));
      expect(exits.filter(Exit.isSuccess)).toHaveLength(3);
      for (const f of exits.filter(Exit.isFailure)) expect(Exit.findError(f)).toMatchObject({ success: { _tag: "WouldGoNegative" } });
      const { balance } = await app.runPromise(pointsBalance(user));
      expect(balance).toBe(0);
      const history = await app.runPromise(pointsHistory(user, { limit: 50 }));
      expect(history.items).toHaveLength(5);
      expect(history.items.reduce((s, e) => s + e.amount, 0)).toBe(0);
    });
  });
}
