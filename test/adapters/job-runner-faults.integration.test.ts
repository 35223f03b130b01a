import { Effect, Exit, ManagedRuntime, Scope } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../src/adapters/postgres/migrate.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { JobQueue, JobRunner, type JobRunnerEvents } from "../../src/application/ports/JobQueue.js";
import { type OwnPostgres, startOwnPostgres } from "../support/ownPostgres.js";
import { pgPersistence } from "../support/postgres.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const until = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const t = Date.now();
  while (Date.now() - t < ms) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return true;
    await sleep(50);
  }
  return false;
};

/** The job runner on a database of the test's own, stopped and started under it (pg_ctl immediate). */
describe("job runner under database faults", () => {
  let db: OwnPostgres;
  beforeAll(async () => {
    db = await startOwnPostgres();
    await migrate(db.url, loadJejuRegions());
  }, 120_000);
  afterAll(() => db?.remove());

  /** Built while the database is up (the pools and the schema check); the runner is started later. */
  const open = async () => {
    const rt = ManagedRuntime.make(pgPersistence({ url: db.url, poolSize: 2 }));
    await rt.context();
    const scope = Effect.runSync(Scope.make());
    const startFailures: string[] = [];
    const stopTimeouts: string[] = [];
    const events: JobRunnerEvents = {
      onStartFailed: (type) => void startFailures.push(type),
      onStopTimedOut: (type) => void stopTimeouts.push(type),
    };
    const seen: unknown[] = [];
    const start = () =>
      rt.runPromise(
        JobRunner.use((r) => r.start({ "test.fault": { concurrency: 1, run: (p) => Effect.sync(() => void seen.push(p)) } }, events)).pipe(
          Scope.provide(scope),
        ),
      );
    const enqueue = (n: number) => rt.runPromise(JobQueue.use((q) => q.enqueue({ type: "test.fault", payload: { n } })));
    const close = async () => {
      const t = performance.now();
      await rt.runPromise(Scope.close(scope, Exit.void));
      const stopMs = performance.now() - t;
      await rt.dispose();
      return stopMs;
    };
    return { start, enqueue, close, seen, startFailures, stopTimeouts };
  };

  it("starts while the database is down, runs the job queued once it is back, and stops within its bound", async () => {
    const runner = await open();
    db.stop();
    try {
      // start never fails and never waits for the database
      await runner.start();
      expect(await until(() => runner.startFailures.length > 0)).toBe(true);
    } finally {
      db.start();
    }
    expect(await until(() => runner.enqueue(1).then(() => true))).toBe(true);
    expect(await until(() => runner.seen.length === 1)).toBe(true);
    expect(runner.seen).toEqual([{ n: 1 }]);
    const stopMs = await runner.close();
    expect(runner.stopTimeouts).toEqual([]);
    expect(stopMs).toBeLessThan(10_000);
  }, 60_000);

  it("a running runner rides out a restart of the database: the process stays up, and a job queued afterwards runs", async () => {
    const runner = await open();
    await runner.start();
    await runner.enqueue(1);
    expect(await until(() => runner.seen.length === 1)).toBe(true);
    db.stop();
    await sleep(300);
    db.start();
    expect(await until(() => runner.enqueue(2).then(() => true))).toBe(true);
    expect(await until(() => runner.seen.length === 2)).toBe(true);
    expect(runner.seen).toEqual([{ n: 1 }, { n: 2 }]);
    await runner.close();
  }, 60_000);

  it("shutting down while the database is down ends at once: a start in progress is abandoned", async () => {
    const runner = await open();
    db.stop();
    try {
      await runner.start();
      expect(await until(() => runner.startFailures.length > 0)).toBe(true);
      const stopMs = await runner.close();
      expect(stopMs).toBeLessThan(2_000);
    } finally {
      db.start();
    }
  }, 60_000);
});
