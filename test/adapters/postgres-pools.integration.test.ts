import { Cause, Effect, Exit, Layer, ManagedRuntime } from "effect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresPersistence } from "../../src/adapters/postgres/index.js";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { inMemoryMedia } from "../../src/app/layers/index.js";
import { register } from "../../src/application/account/register.js";
import { DependencyUnavailable } from "../../src/application/errors.js";
import { QuestionRepository } from "../../src/application/ports/QuestionRepository.js";
import { BackgroundWork } from "../../src/application/ports/ReadConsistency.js";
import { askQuestion } from "../../src/application/question/askQuestion.js";
import { listQuestions } from "../../src/application/question/listQuestions.js";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { postingLimitsOff, TestPasswordHasher } from "../support/testLayer.js";

const ask = (authorId: string, n: number) =>
  askQuestion({
    authorId: authorId as never,
    title: `한림 협재해변 물때 질문 ${n}번입니다`,
    content: "내일 협재해변에서 스노클링하려는데 물때가 언제 좋은지 알려주세요.",
    regionCode: "KR-49-01-04",
  });

describe("pools and timeouts on real PostgreSQL: a stuck writer cannot starve readers", () => {
  let db: TestDatabase;
  let app: ManagedRuntime.ManagedRuntime<Layer.Success<ReturnType<typeof layer>>, unknown>;
  const layer = (url: string) =>
    Layer.mergeAll(
      // Small pools and short budgets, so the test shows the limits quickly.
      postgresPersistence({ url, poolSize: 2, backgroundPoolSize: 1, timeouts: { lockMs: 200, acquireMs: 500, statementMs: 2_000 } }),
      SystemClock,
      RandomIds,
      TestPasswordHasher,
      inMemoryMedia(),
      // One brand-new user asks eight times: the posting limits are not what this test is about.
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

  it("with the user's row held by someone else, writes give up after the lock timeout and retries as 'unavailable', reads and background work go on, and nothing half-done is left", async () => {
    const user = (await app.runPromise(register({ email: "stuck@example.kr", password: "비밀번호12345", nickname: "한림주민" }))).user;
    const first = await app.runPromise(ask(user.id, 0));

    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    await holder.query("BEGIN");
    await holder.query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE", [user.id]);
    try {
      // More writers than the write pool has connections: some wait for a lock, the rest for a connection.
      const writes = Promise.all(Array.from({ length: 6 }, (_, i) => app.runPromiseExit(ask(user.id, i + 1))));
      // Meanwhile readers use their own pool, and a background task its own.
      expect((await app.runPromise(listQuestions({ limit: 10 }))).items.map((q) => q.id)).toEqual([first.id]);
      const background = await app.runPromise(
        Effect.provideService(
          QuestionRepository.use((r) => r.findByIds([first.id])),
          BackgroundWork,
          true,
        ),
      );
      expect(background).toHaveLength(1);

      const exits = await writes;
      for (const exit of exits) {
        expect(Exit.isFailure(exit)).toBe(true);
        if (Exit.isFailure(exit)) expect(Cause.squash(exit.cause)).toBeInstanceOf(DependencyUnavailable);
      }
    } finally {
      await holder.query("ROLLBACK");
      await holder.end();
    }
    // Nothing of the failed units was written; once the row is free, writing works again.
    expect((await app.runPromise(listQuestions({ limit: 10 }))).items).toHaveLength(1);
    await app.runPromise(ask(user.id, 7));
    expect((await app.runPromise(listQuestions({ limit: 10 }))).items).toHaveLength(2);
  }, 60_000);
});
