import { LRUCache } from "lru-cache";
import type { UserId } from "../domain/shared/ids.js";

/**
 * Read-your-writes with replicas: after a user's write, that user's reads go to the primary for a
 * short window (longer than replica lag in practice). Per process; behind a load balancer, pin
 * sessions to a process or shorten lag, and say so in operations notes.
 */
export const makeReadYourWrites = (windowMs: number) => {
  const recent = new LRUCache<string, true>({ max: 100_000, ttl: Math.max(1, windowMs) });
  return {
    markWrite: (userId: UserId | null) => {
      if (userId !== null && windowMs > 0) recent.set(userId, true);
    },
    readsFromPrimary: (userId: UserId | null) => userId !== null && recent.has(userId),
  };
};
export type ReadYourWrites = ReturnType<typeof makeReadYourWrites>;
