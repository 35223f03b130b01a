import { Exit, type Layer, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { register } from "../../src/application/account/register.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { pointsBalance } from "../../src/application/ledger/pointsBalance.js";
import { pointsHistory } from "../../src/application/ledger/pointsHistory.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import { listQuestions } from "../../src/application/question/listQuestions.js";
import { pgAppLayer, TARGETS, type TestDatabase, truncateAll } from "../support/postgres.js";

const N = 20;

for (const [target, create] of Object.entries(TARGETS)) {
  describe(`one user's concurrent writes on real PostgreSQL (${target})`, () => {
    let db: TestDatabase;
    let app: ManagedRuntime.ManagedRuntime<Layer.Success<ReturnType<typeof pgAppLayer>>, unknown>;
    beforeAll(async () => {
      db = await create();
      app = ManagedRuntime.make(pgAppLayer(db.url, 10));
    }, 120_000);
    afterAll(async () => {
      await app?.dispose();
      await db?.drop();
    });

    const newUser = (tag: string) =>
      app.runPromise(register({ email: `${tag}@example.kr`, password: "비밀번호12345", nickname: tag })).then((r) => r.user.id);

    it(`${N} concurrent asks by one user all succeed, with one first-question award`, async () => {
      await truncateAll(db.url);
      const asker = await newUser("bursty");
      const exits = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          app.runPromiseExit(
            askQuestion({
              authorId: asker,
              title: `성산일출봉 일출 시간 궁금해요 ${i}번째`,
              content: "내일 새벽에 성산일출봉에 오르려는데 일출이 몇 시쯤인지 알려주세요.",
              hashtags: ["성산", "일출"],
              regionCode: "KR-49-02-03",
            }),
          ),
        ),
      );
      expect(exits.filter(Exit.isFailure)).toEqual([]);
      const listed = await app.runPromise(listQuestions({ authorId: asker, limit: 50 }));
      expect(listed.items).toHaveLength(N);
      const history = await app.runPromise(pointsHistory(asker, { limit: 50 }));
      expect(history.items.map((e) => e.type)).toEqual(["earn_first_question"]);
      expect((await app.runPromise(pointsBalance(asker))).balance).toBe(20);
    });

    it(`${N} concurrent answers by one user on one question all succeed, paid once`, async () => {
      await truncateAll(db.url);
      const asker = await newUser("asker");
      const local = await newUser("local");
      const q = await app.runPromise(
        askQuestion({
          authorId: asker,
          title: "우도 배편 시간 알려주세요 급해요",
          content: "내일 아침 우도에 들어가려는데 첫 배가 몇 시인지 궁금합니다.",
          regionCode: "KR-49-01-07",
        }),
      );
      const exits = await Promise.all(
        Array.from({ length: N }, (_, i) =>
          app.runPromiseExit(
            postAnswer({ questionId: q.id, authorId: local, content: `성산항에서 30분마다 배가 있어요. 참고로 ${i}번째 답이에요.` }),
          ),
        ),
      );
      expect(exits.filter(Exit.isFailure)).toEqual([]);
      const history = await app.runPromise(pointsHistory(local, { limit: 50 }));
      expect(history.items.map((e) => e.type)).toEqual(["earn_answer"]);
      expect((await app.runPromise(pointsBalance(local))).balance).toBe(10);
    });
  });
}
