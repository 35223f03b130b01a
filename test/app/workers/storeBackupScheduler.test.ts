import { Effect, Fiber } from "effect";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import type { StoreJob } from "../../../src/app/backup/storeBackups.js";
import { isDue } from "../../../src/app/backup/storeBackups.js";
import { makeMetrics } from "../../../src/app/metrics.js";
import { storeBackupScheduler } from "../../../src/app/workers/storeBackupScheduler.js";

const value = async (metrics: ReturnType<typeof makeMetrics>, name: string, labels: Record<string, string>) => {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value;
};

describe("the store backup scheduler (Redis snapshots, media sync)", () => {
  it("is due when it never ran or its interval has passed", () => {
    const job = { everyMs: 6 * 3_600_000 };
    const now = new Date("2026-12-01T12:00:00Z");
    expect(isDue(job, undefined, now)).toBe(true);
    expect(isDue(job, new Date("2026-12-01T06:00:01Z"), now)).toBe(false);
    expect(isDue(job, new Date("2026-12-01T06:00:00Z"), now)).toBe(true);
  });

  it("runs what is due, publishes the newest backup, and makes a failure loud: an error line, a counter and a timestamp; retried after 10 minutes", async () => {
    const logged: { level: number; msg: string; store?: string }[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    const metrics = makeMetrics();
    let clock = new Date("2026-12-01T00:00:00Z");
    let redisLast: Date | undefined;
    let mediaRuns = 0;
    let redisRuns = 0;
    const jobs: StoreJob[] = [
      {
        store: "redis",
        everyMs: 6 * 3_600_000,
        last: () => redisLast,
        bytes: () => 1234,
        run: async (now) => {
          redisRuns += 1;
          redisLast = now;
          return { snapshot: "redis-x" };
        },
      },
      {
        store: "media",
        everyMs: 86_400_000,
        last: () => undefined,
        bytes: () => 0,
        run: async () => {
          mediaRuns += 1;
          throw new Error("the bucket refused: AccessDenied");
        },
      },
    ];
    const fiber = Effect.runFork(storeBackupScheduler({ jobs, logger, metrics, intervalMs: 20, now: () => clock }));
    const waitFor = async (ok: () => boolean) => {
      for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
      expect(ok()).toBe(true);
    };
    try {
      await waitFor(() => mediaRuns === 1 && redisRuns === 1);
      // Checked again and again, but neither is due: the snapshot is fresh, the failure waits 10 minutes.
      await new Promise((r) => setTimeout(r, 100));
      expect({ redisRuns, mediaRuns }).toEqual({ redisRuns: 1, mediaRuns: 1 });
      expect(await value(metrics, "dongne_store_backup_last_success_timestamp_seconds", { store: "redis" })).toBe(clock.getTime() / 1000);
      expect(await value(metrics, "dongne_store_backup_last_success_timestamp_seconds", { store: "media" })).toBe(0);
      expect(await value(metrics, "dongne_store_backup_bytes", { store: "redis" })).toBe(1234);
      expect(await value(metrics, "dongne_store_backup_runs_total", { store: "redis", outcome: "success" })).toBe(1);
      expect(await value(metrics, "dongne_store_backup_runs_total", { store: "media", outcome: "failure" })).toBe(1);
      expect(await value(metrics, "dongne_backup_last_failure_timestamp_seconds", { job: "media" })).toBe(clock.getTime() / 1000);
      const failure = logged.filter((l) => l.level === 50);
      expect(failure).toEqual([expect.objectContaining({ msg: "media backup FAILED: retrying in 10 minutes", store: "media" })]);
      expect(logged).toContainEqual(expect.objectContaining({ level: 30, msg: "redis backup done", store: "redis" }));

      clock = new Date(clock.getTime() + 11 * 60_000);
      await waitFor(() => mediaRuns === 2);
      expect(redisRuns).toBe(1);
      clock = new Date(clock.getTime() + 6 * 3_600_000);
      await waitFor(() => redisRuns === 2);
    } finally {
      await Effect.runPromise(Fiber.interrupt(fiber));
    }
  });
});
