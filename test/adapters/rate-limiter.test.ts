import { Layer } from "effect";
import { InMemoryRateLimiter } from "../../src/adapters/in-memory/InMemoryRateLimiter.js";
import { RateLimitPolicy } from "../../src/application/ports/RateLimitPolicy.js";
import { rateLimiterContract } from "../contract/RateLimiter.contract.js";

rateLimiterContract("in-process (RateLimiterMemory)", (policy) =>
  InMemoryRateLimiter.pipe(Layer.provide(Layer.succeed(RateLimitPolicy, policy))),
);
