import { afterAll } from "vitest";
import { keyValueContract } from "../contract/KeyValue.contract.js";
import { MACHINE_REDIS, openKeyValue, startCluster, type TestCluster } from "../support/redis.js";

keyValueContract("the machine's Redis", () => openKeyValue({ _tag: "node", url: MACHINE_REDIS }));

let cluster: TestCluster | undefined;
afterAll(() => cluster?.stop());
keyValueContract("a 3-node Redis Cluster", () => {
  cluster = startCluster();
  return openKeyValue(cluster.target);
});
