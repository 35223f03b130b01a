import { makeInProcessKeyValue } from "../../src/adapters/redis/InProcessKeyValue.js";
import { activityCountersContract } from "../contract/ActivityCounters.contract.js";
import { keyValueContract } from "../contract/KeyValue.contract.js";
import { presenceContract } from "../contract/Presence.contract.js";
import { publicCacheContract } from "../contract/PublicCache.contract.js";
import { twoPublicCaches } from "../support/redis.js";

keyValueContract("in-process", async () => ({ store: makeInProcessKeyValue(), close: async () => {} }));

publicCacheContract("in-process", () => twoPublicCaches(makeInProcessKeyValue()));

presenceContract("in-process", async () => ({ store: makeInProcessKeyValue(), close: async () => {} }));

activityCountersContract("in-process", async () => ({ store: makeInProcessKeyValue(), close: async () => {} }));
