import { afterAll } from "vitest";
import { activityCountersContract } from "../contract/ActivityCounters.contract.js";
import { keyValueContract } from "../contract/KeyValue.contract.js";
import { presenceContract } from "../contract/Presence.contract.js";
import { publicCacheContract } from "../contract/PublicCache.contract.js";
import { CONTRACT_GUARD, MACHINE_REDIS, openKeyValue, startCluster, type TestCluster, twoPublicCaches } from "../support/redis.js";

keyValueContract("the machine's Redis", () => openKeyValue({ _tag: "node", url: MACHINE_REDIS }, CONTRACT_GUARD));

// One cluster for the file, started by whichever suite runs first (a `-t` filter may skip the others), stopped at the end.
let cluster: TestCluster | undefined;
const sharedCluster = () => {
  cluster ??= startCluster();
  return cluster;
};
afterAll(() => cluster?.stop());
keyValueContract("a 3-node Redis Cluster", () => openKeyValue(sharedCluster().target, CONTRACT_GUARD));

publicCacheContract("the machine's Redis", async () => {
  const { store, close } = await openKeyValue({ _tag: "node", url: MACHINE_REDIS }, CONTRACT_GUARD);
  return twoPublicCaches(store, close);
});
publicCacheContract("a 3-node Redis Cluster", async () => {
  const { store, close } = await openKeyValue(sharedCluster().target, CONTRACT_GUARD);
  return twoPublicCaches(store, close);
});

presenceContract("the machine's Redis", () => openKeyValue({ _tag: "node", url: MACHINE_REDIS }, CONTRACT_GUARD));
presenceContract("a 3-node Redis Cluster", () => openKeyValue(sharedCluster().target, CONTRACT_GUARD));

activityCountersContract("the machine's Redis", () => openKeyValue({ _tag: "node", url: MACHINE_REDIS }, CONTRACT_GUARD));
activityCountersContract("a 3-node Redis Cluster", () => openKeyValue(sharedCluster().target, CONTRACT_GUARD));
