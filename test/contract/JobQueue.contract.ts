import { Effect, Exit, Scope } from "effect";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type JobHandler, JobQueue, JobRunner } from "../../src/application/ports/JobQueue.js";
import { UnitOfWork } from "../../src/application/ports/UnitOfWork.js";
import type { Harness, HarnessFactory } from "./harness.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const t = Date.now();
  while (Date.now() - t < ms) {
    if (await check()) return true;
    await sleep(25);
  }
  return false;
};

/** The queue and its runner: same-transaction enqueue, retries with backoff, failed jobs kept and retried, keys, per-type concurrency. */
export const jobQueueContract = (name: string, makeHarness: HarnessFactory) =>
  describe(`JobQueue contract: ${name}`, () => {
    let h: Harness;
    let scope: Scope.Closeable | undefined;
    beforeEach(async () => {
      h = await makeHarness();
    });
    afterEach(async () => {
      if (scope) await Effect.runPromise(Scope.close(scope, Exit.void));
      scope = undefined;
      await h.dispose();
    });
    const start = async (handlers: Record<string, JobHandler>) => {
      scope = Effect.runSync(Scope.make());
      const s = scope;
      await h.run(JobRunner.use((r) => r.start(handlers)).pipe(Scope.provide(s)));
    };
    const enqueue = (job: Parameters<JobQueue["Service"]["enqueue"]>[0]) => h.run(JobQueue.use((q) => q.enqueue(job)));
    const counts = () => h.run(JobQueue.use((q) => q.counts));

    it("a job enqueued in a unit of work exists only if the unit commits, and then runs once with its payload", async () => {
      const seen: unknown[] = [];
      await start({ "test.record": { concurrency: 2, run: (p) => Effect.sync(() => void seen.push(p)) } });
      const failed = await h.exit(
        UnitOfWork.use((u) =>
          u.transact(JobQueue.use((q) => q.enqueue({ type: "test.record", payload: { n: 1 } })).pipe(Effect.andThen(Effect.fail("boom")))),
        ),
      );
      expect(Exit.isFailure(failed)).toBe(true);
      await h.run(UnitOfWork.use((u) => u.transact(JobQueue.use((q) => q.enqueue({ type: "test.record", payload: { n: 2 } })))));
      expect(await until(() => seen.length >= 1)).toBe(true);
      await sleep(300);
      expect(seen).toEqual([{ n: 2 }]);
      expect((await counts()).filter((c) => c.type === "test.record")).toEqual([]);
    });

    it("retries a failing job with backoff, keeps it failed after its attempts, and runs it again when retried", async () => {
      let runs = 0;
      let healthy = false;
      await start({
        "test.flaky": {
          concurrency: 1,
          run: () =>
            Effect.suspend(() => {
              runs++;
              return healthy ? Effect.void : Effect.fail(new Error("partner unreachable"));
            }),
        },
      });
      await enqueue({ type: "test.flaky", maxAttempts: 2 });
      expect(await until(() => runs === 1)).toBe(true);
      // Backoff: the second attempt waits e^1 ≈ 2.7 s.
      await sleep(1_000);
      expect(runs).toBe(1);
      expect(await counts()).toEqual([{ type: "test.flaky", waiting: 1, failed: 0 }]);
      expect(await until(async () => (await h.run(JobQueue.use((q) => q.failed(10)))).length === 1)).toBe(true);
      expect(runs).toBe(2);
      const [dead] = await h.run(JobQueue.use((q) => q.failed(10)));
      expect(dead).toMatchObject({ type: "test.flaky", attempts: 2 });
      expect(dead?.lastError).toContain("partner unreachable");
      healthy = true;
      expect(await h.run(JobQueue.use((q) => q.retry([dead?.id ?? "", "not-an-id"])))).toBe(1);
      expect(await until(() => runs === 3)).toBe(true);
      expect(await until(async () => (await counts()).length === 0)).toBe(true);
    }, 20_000);

    it("keeps one waiting job per key, and runs nothing before its time", async () => {
      const later = new Date(Date.now() + 60 * 60_000);
      await enqueue({ type: "test.keyed", key: "digest:u1", runAt: later, payload: { v: 1 } });
      await enqueue({ type: "test.keyed", key: "digest:u1", runAt: later, payload: { v: 2 } });
      await enqueue({ type: "test.keyed", key: "digest:u2", runAt: later });
      let runs = 0;
      await start({ "test.keyed": { concurrency: 1, run: () => Effect.sync(() => void runs++) } });
      await sleep(500);
      expect(runs).toBe(0);
      expect(await counts()).toEqual([{ type: "test.keyed", waiting: 2, failed: 0 }]);
    });

    it("runs at most a type's concurrency at once on an instance", async () => {
      let now = 0;
      let most = 0;
      let done = 0;
      const slow: JobHandler = {
        concurrency: 2,
        run: () =>
          Effect.acquireUseRelease(
            Effect.sync(() => {
              now++;
              most = Math.max(most, now);
            }),
            () => Effect.sleep("150 millis"),
            () =>
              Effect.sync(() => {
                now--;
                done++;
              }),
          ),
      };
      await start({ "test.slow": slow });
      for (let i = 0; i < 6; i++) await enqueue({ type: "test.slow", payload: { i } });
      expect(await until(() => done === 6)).toBe(true);
      expect(most).toBe(2);
    });
  });
