import { Duration, Effect, Schedule } from "effect";
import { isDue, type StoreJob } from "../backup/storeBackups.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

/** After a failure the next attempt waits this long (a broken target is not hammered every minute). */
const RETRY_AFTER_MS = 10 * 60_000;

/**
 * The Redis snapshots (every 6 h) and the media sync (daily) inside the service (BACKUP_SCHEDULE=on):
 * every check, each store's newest backup on disk becomes a metric, and a store whose interval has
 * passed is backed up (a service that was down catches up when it is back). A failure logs an error,
 * counts, and sets dongne_backup_last_failure_timestamp_seconds{job}; it is retried after 10 minutes.
 */
export const storeBackupScheduler = (deps: {
  readonly jobs: readonly StoreJob[];
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly intervalMs: number;
  readonly now?: () => Date;
}) => {
  const { jobs, logger, metrics } = deps;
  const now = deps.now ?? (() => new Date());
  const failedAt = new Map<string, number>();
  const seconds = (at: Date | undefined) => (at ? at.getTime() / 1000 : 0);
  const check = (job: StoreJob) =>
    Effect.tryPromise(async () => {
      const at = now();
      const last = job.last();
      if (isDue(job, last, at) && at.getTime() - (failedAt.get(job.store) ?? 0) > RETRY_AFTER_MS) {
        try {
          const summary = await job.run(at);
          failedAt.delete(job.store);
          metrics.storeBackupRuns.inc({ store: job.store, outcome: "success" });
          logger.info({ store: job.store, ...summary }, `${job.store} backup done`);
        } catch (err) {
          failedAt.set(job.store, at.getTime());
          metrics.storeBackupRuns.inc({ store: job.store, outcome: "failure" });
          metrics.backupLastFailure.set({ job: job.store }, at.getTime() / 1000);
          logger.error({ err, store: job.store }, `${job.store} backup FAILED: retrying in 10 minutes`);
        }
      }
      metrics.storeBackupLastSuccess.set({ store: job.store }, seconds(job.last()));
      metrics.storeBackupBytes.set({ store: job.store }, job.bytes());
    }).pipe(
      Effect.catch((err) =>
        Effect.sync(() => {
          metrics.backupStatusErrors.inc();
          logger.warn({ err: err.cause ?? err, store: job.store }, "backups: a store's status could not be read");
        }),
      ),
    );
  // One after the other: a snapshot and a sync never compete for the disk.
  return Effect.forEach(jobs, check, { discard: true }).pipe(Effect.repeat(Schedule.spaced(Duration.millis(deps.intervalMs))));
};
