import { afterAll, beforeAll, describe } from "vitest";
import { eventLogContract } from "../contract/EventLog.contract.js";
import { persistenceContracts } from "../contract/index.js";
import { pgHarnessFactory, TARGETS, type TestDatabase } from "../support/postgres.js";

for (const [target, create] of Object.entries(TARGETS)) {
  describe(`PostgreSQL (${target})`, () => {
    let db: TestDatabase;
    beforeAll(async () => {
      db = await create();
    }, 120_000);
    afterAll(() => db?.drop());
    persistenceContracts(
      `postgres ${target}`,
      pgHarnessFactory(() => db),
    );
    eventLogContract(
      `postgres ${target}`,
      pgHarnessFactory(() => db, { searchOutbox: true }),
    );
  });
}
