import { Counter, Gauge, type Registry } from "prom-client";
import type { QueueCounts } from "../application/ports/JobQueue.js";

/** The job queue per type: runs by outcome, and what waits or failed (read from the queue at each scrape). */
export const jobMetrics = (registry: Registry) => {
  let read: (() => Promise<readonly QueueCounts[]>) | undefined;
  const gauge = (name: string, help: string, pick: (c: QueueCounts) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["type"],
      registers: [registry],
      async collect() {
        if (!read) return;
        try {
          const counts = await read();
          this.reset();
          for (const c of counts) this.set({ type: c.type }, pick(c));
        } catch {
          // The database is unreachable: the last values stand.
        }
      },
    });
  return {
    jobRuns: new Counter({
      name: "dongne_jobs_total",
      help: "Background jobs run, by type and outcome (success, failure: retried with backoff until its attempts are used)",
      labelNames: ["type", "outcome"],
      registers: [registry],
    }),
    jobsWaiting: gauge("dongne_jobs_waiting", "Jobs due now or later with attempts left, by type", (c) => c.waiting),
    jobsFailed: gauge("dongne_jobs_failed", "Jobs that used up their attempts (see `npm run jobs:failed`), by type", (c) => c.failed),
    readJobCountsFrom: (reader: () => Promise<readonly QueueCounts[]>) => {
      read = reader;
    },
  };
};
