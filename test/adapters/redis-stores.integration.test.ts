import { afterAll, beforeAll, describe } from "vitest";
import { sessionStoreContract } from "../contract/SessionStore.contract.js";
import { viewCounterContract } from "../contract/ViewCounter.contract.js";
import { machineDatabase, pgHarnessFactory, type TestDatabase } from "../support/postgres.js";
import { CONTRACT_GUARD, keyValueLayer, MACHINE_REDIS, startCluster, type TestCluster } from "../support/redis.js";

/** The ports Redis serves or fronts, through the service's wiring, on PostgreSQL with a real Redis and a real cluster. */
describe("PostgreSQL with Redis", () => {
  let db: TestDatabase;
  let cluster: TestCluster;
  beforeAll(async () => {
    db = await machineDatabase();
    cluster = startCluster();
  }, 120_000);
  afterAll(async () => {
    cluster?.stop();
    await db?.drop();
  });
  const onNode = pgHarnessFactory(() => db, { keyValue: () => keyValueLayer({ _tag: "node", url: MACHINE_REDIS }, CONTRACT_GUARD) });
  const onCluster = pgHarnessFactory(() => db, { keyValue: () => keyValueLayer(cluster.target, CONTRACT_GUARD) });
  viewCounterContract("postgres + the machine's Redis", onNode);
  viewCounterContract("postgres + a Redis Cluster", onCluster);
  sessionStoreContract("postgres + the machine's Redis", onNode);
  sessionStoreContract("postgres + a Redis Cluster", onCluster);
});
