import { randomUUID } from "node:crypto";
import { makeInProcessKeyValue } from "../../src/adapters/redis/InProcessKeyValue.js";
import { notificationFeedContract } from "../contract/NotificationFeed.contract.js";
import { CONTRACT_GUARD, MACHINE_REDIS, openKeyValue } from "../support/redis.js";

notificationFeedContract("in-process", async () => {
  const store = makeInProcessKeyValue();
  return { a: store, b: store, close: async () => {} };
});

// Two connections (two service instances) under one prefix on the machine's Redis.
notificationFeedContract("the machine's Redis", async () => {
  const keyPrefix = `t10:${randomUUID().slice(0, 8)}:`;
  const [a, b] = await Promise.all([
    openKeyValue({ _tag: "node", url: MACHINE_REDIS }, { ...CONTRACT_GUARD, keyPrefix }),
    openKeyValue({ _tag: "node", url: MACHINE_REDIS }, { ...CONTRACT_GUARD, keyPrefix }),
  ]);
  return {
    a: a.store,
    b: b.store,
    close: async () => {
      await Promise.all([a.close(), b.close()]);
    },
  };
});
