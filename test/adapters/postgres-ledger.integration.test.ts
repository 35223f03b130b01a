import { Effect, Layer, ManagedRuntime } from "effect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgDatabase, SERVICE_ROLE } from "../../src/adapters/postgres/PgDatabase.js";
import { RandomIds } from "../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../src/adapters/system/SystemClock.js";
import { register } from "../../src/application/account/register.js";
import { awardPoints } from "../../src/application/ledger/awardPoints.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import { award } from "../../src/domain/ledger/ledger.js";
import { pgPersistenceWithDatabase, TARGETS, type TestDatabase } from "../support/postgres.js";
import { TestPasswordHasher } from "../support/testLayer.js";

const makeApp = (url: string) =>
  ManagedRuntime.make(Layer.mergeAll(pgPersistenceWithDatabase({ url, poolSize: 2 }), SystemClock, RandomIds, TestPasswordHasher));

const database = Effect.gen(function* () {
  return yield* PgDatabase;
});

/** The SQLSTATE a statement fails with, or "ok". */
const outcome = (run: () => Promise<unknown>) =>
  run().then(
    () => "ok",
    (e: { code?: string }) => e.code ?? "no code",
  );

for (const [target, create] of Object.entries(TARGETS)) {
  describe(`the ledger is append-only (${target})`, () => {
    let db: TestDatabase;
    let app: ReturnType<typeof makeApp>;
    let userId: string;
    beforeAll(async () => {
      db = await create();
      app = makeApp(db.url);
      userId = (await app.runPromise(register({ email: "ledger@example.kr", password: "비밀번호12345", nickname: "장부" }))).user.id;
      await app.runPromise(
        UnitOfWork.use((u) => u.transact(awardPoints(award(userId as never, "earn_accepted_answer", { type: "answer", id: "a1" })))),
      );
    }, 120_000);
    afterAll(async () => {
      await app?.dispose();
      await db?.drop();
    });

    it("the service's connections run as the service role, which may append but not change, delete or truncate entries", async () => {
      const { primary } = await app.runPromise(database);
      const q = (text: string) => () => primary.query(text);
      expect((await primary.query<{ r: string }>("SELECT current_user AS r")).rows[0]?.r).toBe(SERVICE_ROLE);
      expect(await outcome(q("UPDATE point_transactions SET amount = 1000000"))).toBe("42501");
      expect(await outcome(q("DELETE FROM point_transactions"))).toBe("42501");
      expect(await outcome(q("TRUNCATE point_transactions"))).toBe("42501");
      expect(await outcome(q("DELETE FROM pgmigrations"))).toBe("42501");
    });

    it("even the owner cannot change or remove an entry, and a user with entries cannot be deleted", async () => {
      const owner = new pg.Client({ connectionString: db.url });
      await owner.connect();
      try {
        const q = (text: string) => () => owner.query(text);
        expect(await outcome(q("UPDATE point_transactions SET amount = 1000000"))).toBe("42501");
        expect(await outcome(q("DELETE FROM point_transactions"))).toBe("42501");
        expect(await outcome(q("TRUNCATE point_transactions"))).toBe("42501");
        expect(await outcome(() => owner.query("DELETE FROM users WHERE id = $1", [userId]))).toBe("23503");
        const { rows } = await owner.query<{ n: number; sum: number }>(
          "SELECT count(*)::int AS n, sum(amount)::int AS sum FROM point_transactions WHERE user_id = $1",
          [userId],
        );
        expect(rows[0]).toEqual({ n: 1, sum: 150 });
      } finally {
        await owner.end();
      }
    });

    it("a correction is a new entry", async () => {
      await app.runPromise(
        UnitOfWork.use((u) => u.transact(awardPoints(award(userId as never, "spend_highlight", { type: "question", id: "q1" })))),
      );
      const { primary } = await app.runPromise(database);
      const { rows } = await primary.query<{ n: number }>("SELECT count(*)::int AS n FROM point_transactions");
      expect(rows[0]?.n).toBe(2);
    });
  });
}
