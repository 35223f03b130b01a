import { Duration, Effect, Schedule } from "effect";
import type { BackupLayout } from "../../adapters/pgbackrest/PgBackRest.js";
import { runningEmbeddedPostgres } from "../../adapters/postgres/EmbeddedPostgres.js";
import { switchWalAndWait } from "../../adapters/postgres/PgOperations.js";
import { dueBackup } from "../../domain/operations/backupSchedule.js";
import { ensureStanza, takeBackup } from "../backup/backups.js";
import { type BackupStatus, backupStatus } from "../backup/status.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

/** After a failed backup the next attempt waits this long (a broken repository is not hammered every minute). */
const RETRY_AFTER_MS = 10 * 60_000;

const seconds = (at: Date | null | undefined) => (at ? at.getTime() / 1000 : 0);

const publish = (metrics: Metrics, s: BackupStatus) => {
  metrics.backupLastSuccess.set({ kind: "full" }, seconds(s.lastFull));
  metrics.backupLastSuccess.set({ kind: "incr" }, seconds(s.lastIncremental));
  metrics.backupRepositoryBytes.set(s.repository.bytes);
  if (s.schedule.on) {
    metrics.backupNextRun.set({ kind: s.schedule.next.kind }, seconds(s.schedule.next.at));
    metrics.backupNextRun.set({ kind: "full" }, seconds(s.schedule.nextFull));
  }
  if (s.archiver) {
    metrics.walArchiveFailing.set(s.archiver.failing ? 1 : 0);
    if (s.archiver.lastFailedAt) metrics.backupLastFailure.set({ job: "wal_archive" }, seconds(s.archiver.lastFailedAt));
    metrics.walArchiveLastSuccess.set(seconds(s.archiver.lastArchivedAt));
    metrics.walArchiveFailures.set(s.archiver.failedCount);
  }
  if (s.drill) {
    metrics.drillFailing.set(s.drill.ok ? 0 : 1);
    if (!s.drill.ok) metrics.backupLastFailure.set({ job: "drill" }, new Date(s.drill.at).getTime() / 1000);
    if (s.drill.ok) metrics.drillLastSuccess.set(new Date(s.drill.at).getTime() / 1000);
    if (s.drill.rtoSeconds !== null) metrics.drillSeconds.set({ measure: "rto" }, s.drill.rtoSeconds);
    if (s.drill.rpoSeconds !== null) metrics.drillSeconds.set({ measure: "rpo" }, s.drill.rpoSeconds);
  }
};

/**
 * The backups inside the service (embedded PostgreSQL with pgBackRest): the stanza is created at start
 * (archiving needs it), then every minute the repository's and the archiver's status become metrics,
 * and with BACKUP_SCHEDULE=on the seed's schedule runs (full weekly, incremental daily, a full at once
 * when there is none). A failed backup, a failing archive and a failed drill each log an error and set
 * a metric, once per change.
 */
export const backupScheduler = (deps: {
  readonly layout: BackupLayout;
  readonly scheduleOn: boolean;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** How often the status is read and the schedule checked (BACKUP_CHECK_INTERVAL_MS, a minute by default). */
  readonly intervalMs?: number;
}) => {
  const { layout, logger, metrics } = deps;
  let failedAt = 0;
  let archiveFailing = false;
  let drillFailed: string | undefined;
  let prepareFailures = 0;
  const serverUrl = async () => {
    const db = await runningEmbeddedPostgres(layout.dataDir);
    if (!db) throw new Error(`no embedded PostgreSQL is running in ${layout.pgdata}`);
    return db.url;
  };
  const start = Effect.tryPromise(async () => {
    const url = await serverUrl();
    await ensureStanza(layout, url);
    const s = await backupStatus(layout, url, deps.scheduleOn);
    // Segments that failed before the stanza existed: archive one now so the archiver is seen to work.
    if (s.archiver?.failing) await switchWalAndWait(url, 30_000);
  }).pipe(
    // A busy machine can make the first attempt time out: warn, and from the third failure in a row, an error.
    Effect.tapError((err) =>
      Effect.sync(() => {
        prepareFailures += 1;
        const log = prepareFailures >= 3 ? logger.error.bind(logger) : logger.warn.bind(logger);
        log({ err: err.cause ?? err, attempt: prepareFailures }, "backups: the repository could not be prepared (retrying every minute)");
      }),
    ),
    Effect.retry(Schedule.spaced(Duration.millis(deps.intervalMs ?? 60_000))),
  );
  const tick = Effect.tryPromise(async (signal) => {
    const url = await serverUrl();
    let status = await backupStatus(layout, url, deps.scheduleOn);
    const now = new Date();
    const due = deps.scheduleOn ? dueBackup(now, status.lastFull, status.info.backups.at(-1)?.stoppedAt) : undefined;
    if (due && now.getTime() - failedAt > RETRY_AFTER_MS) {
      try {
        const { set, seconds: took } = await takeBackup(layout, url, due, signal);
        metrics.backupRuns.inc({ kind: set.kind, outcome: "success" });
        logger.info({ label: set.label, kind: set.kind, seconds: Math.round(took) }, "backup done");
        failedAt = 0;
        status = await backupStatus(layout, url, deps.scheduleOn);
      } catch (err) {
        if (signal.aborted) throw err;
        failedAt = now.getTime();
        metrics.backupRuns.inc({ kind: due, outcome: "failure" });
        metrics.backupLastFailure.set({ job: "postgres" }, now.getTime() / 1000);
        logger.error({ err, kind: due }, "backup FAILED: retrying in 10 minutes");
      }
    }
    publish(metrics, status);
    const failing = status.archiver?.failing ?? false;
    if (failing && !archiveFailing)
      logger.error(
        { wal: status.archiver?.lastFailedWal, since: status.archiver?.lastFailedAt },
        "WAL archiving is FAILING: the recovery point is getting older",
      );
    else if (!failing && archiveFailing) logger.info("WAL archiving works again");
    archiveFailing = failing;
    const drillError = status.drill && !status.drill.ok ? (status.drill.error ?? status.drill.at) : undefined;
    if (drillError && drillError !== drillFailed) logger.error({ drill: status.drill }, "the last restore drill FAILED");
    drillFailed = drillError;
  }).pipe(
    Effect.catch((err) =>
      Effect.sync(() => {
        metrics.backupStatusErrors.inc();
        logger.warn({ err: err.cause ?? err }, "backups: status could not be read");
      }),
    ),
  );
  return start.pipe(Effect.andThen(tick.pipe(Effect.repeat(Schedule.spaced(Duration.millis(deps.intervalMs ?? 60_000))))));
};
