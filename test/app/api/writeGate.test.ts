import { describe, expect, it } from "vitest";
import { makeWriteGate } from "../../../src/app/api/writeGate.js";

const deferred = () => {
  let release = () => {};
  const done = new Promise<void>((r) => {
    release = r;
  });
  return { done, release };
};

describe("the per-user write gate", () => {
  it("lets a user run at most N writes at once, the rest in arrival order, others unaffected; a failure frees its turn", async () => {
    const gate = makeWriteGate(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const holds = Array.from({ length: 6 }, () => deferred());
    const writes = holds.map((h, i) =>
      gate("u1", async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await h.done;
        running--;
        if (i === 1) throw new Error("this write failed");
        return i;
      }),
    );
    // Another user is not held up by u1's queue.
    expect(await gate("u2", async () => "other")).toBe("other");
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([0, 1]);
    for (const h of holds) h.release();
    const results = await Promise.allSettled(writes);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "failed"))).toEqual([0, "failed", 2, 3, 4, 5]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    // Anonymous callers pass straight through.
    expect(await gate(null, async () => "anonymous")).toBe("anonymous");
  });
});
