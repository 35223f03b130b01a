import { makeInProcessKeyValue } from "../../src/adapters/redis/InProcessKeyValue.js";
import { keyValueContract } from "../contract/KeyValue.contract.js";

keyValueContract("in-process", async () => ({ store: makeInProcessKeyValue(), close: async () => {} }));
