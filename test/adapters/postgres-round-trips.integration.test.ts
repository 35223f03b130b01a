import { Layer, ManagedRuntime } from "effect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresPersistence } from "../../src/adapters/postgres/index.js";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { inMemoryMedia } from "../../src/app/layers/index.js";
import { register } from "../../src/application/account/register.js";
import { acceptAnswer } from "../../src/application/answer/acceptAnswer.js";
import { postAnswer } from "../../src/application/answer/postAnswer.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { postingLimitsOff, TestPasswordHasher } from "../support/testLayer.js";

/** Every statement a pooled client sends (BEGIN and COMMIT included) while `f` runs. */
const statementsOf = async <A>(f: () => Promise<A>): Promise<{ readonly value: A; readonly statements: readonly string[] }> => {
  const statements: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const text = args[0];
    statements.push(typeof text === "string" ? text : String((text as { text?: string })?.text));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { value: await f(), statements };
  } finally {
    pg.Client.prototype.query = original;
  }
};

const ask = (authorId: string, n: number) =>
  askQuestion({
    authorId: authorId as never,
    title: `애월 카페 추천 부탁드려요 ${n}`,
    content: "바다가 보이는 조용한 카페를 찾고 있어요. 주차 가능한 곳이면 좋겠습니다.",
    hashtags: ["애월", "카페"],
    regionCode: "KR-49-01-02",
  });

for (const searchOutbox of [false, true])
  describe(`round trips per request on PostgreSQL (statements, BEGIN and COMMIT included)${searchOutbox ? ", with the search engine's event consumer" : ""}`, () => {
    let db: TestDatabase;
    let app: ManagedRuntime.ManagedRuntime<Layer.Success<ReturnType<typeof layer>>, unknown>;
    const layer = (url: string) =>
      // The unit of work's round trips; the posting limits (an author read and two counter upserts before it, on
      // the PostgreSQL limiter store) are off here, as the same brand-new users post twice within their limits.
      Layer.mergeAll(
        postgresPersistence({ url, poolSize: 4, searchOutbox }),
        SystemClock,
        RandomIds,
        TestPasswordHasher,
        inMemoryMedia(),
        postingLimitsOff,
      );
    beforeAll(async () => {
      db = await machineDatabase();
      app = ManagedRuntime.make(layer(db.url));
    }, 120_000);
    afterAll(async () => {
      await app?.dispose();
      await db?.drop();
    });

    it("question.ask takes at most 8 and answer.accept at most 10 in the usual case (no new badge)", async () => {
      const asker = (await app.runPromise(register({ email: "rt-asker@example.kr", password: "비밀번호12345", nickname: "애월여행" })))
        .user;
      const local = (await app.runPromise(register({ email: "rt-local@example.kr", password: "비밀번호12345", nickname: "애월주민" })))
        .user;
      // The first ask and accept also earn a badge (and its notification); the usual case is the second.
      await app.runPromise(ask(asker.id, 1));
      const first = await app.runPromise(ask(asker.id, 2));
      const firstAnswer = await app.runPromise(
        postAnswer({ questionId: first.id, authorId: local.id, content: "한담해변 쪽 카페 추천해요." }),
      );
      await app.runPromise(acceptAnswer({ answerId: firstAnswer.id, actorId: asker.id }));

      const asked = await statementsOf(() => app.runPromise(ask(asker.id, 3)));
      expect([asked.statements[0], asked.statements.at(-1)]).toEqual(["BEGIN", "COMMIT"]);
      expect(asked.statements.length, asked.statements.join("\n")).toBeLessThanOrEqual(8);

      const answer = await app.runPromise(
        postAnswer({ questionId: asked.value.id, authorId: local.id, content: "곽지해변 근처도 좋아요." }),
      );
      const accepted = await statementsOf(() => app.runPromise(acceptAnswer({ answerId: answer.id, actorId: asker.id })));
      expect(accepted.value.pointsAwarded).toBe(150);
      expect([accepted.statements[0], accepted.statements.at(-1)]).toEqual(["BEGIN", "COMMIT"]);
      expect(accepted.statements.length, accepted.statements.join("\n")).toBeLessThanOrEqual(10);
      console.info(`round trips: ask ${asked.statements.length}, accept ${accepted.statements.length}`);
    });
  });
