import { Cause, Duration, Effect, Schedule } from "effect";
import { purgeSessions } from "../../application/account/purgeSessions.js";
import { ESCALATE_JOB, escalateQuestion } from "../../application/escalation/escalateQuestion.js";
import { FOLLOW_JOB, notifyFollowers } from "../../application/follow/notifyFollowers.js";
import { DIGEST_JOB, sendDigests } from "../../application/follow/sendDigests.js";
import { purgeIdempotencyKeys } from "../../application/idempotency/purgeIdempotencyKeys.js";
import { expireUploads } from "../../application/media/removeMedia.js";
import { REMIND_JOB, remindToAccept } from "../../application/notification/remindToAccept.js";
import { type JobHandler, JobQueue, JobRunner } from "../../application/ports/JobQueue.js";
import { BackgroundWork } from "../../application/ports/ReadConsistency.js";
import { purgeRetention } from "../../application/privacy/retention.js";
import { DELIVER_WEBHOOK_JOB } from "../../application/webhook/announceToWebhooks.js";
import { deliverWebhook, type WebhookAttemptFailed } from "../../application/webhook/deliverWebhook.js";
import { DIGEST_AT_UTC, FOLLOW_SCAN_MINUTES } from "../../domain/notification/follow.js";
import { QuestionId } from "../../domain/shared/ids.js";
import type { AppRuntime, AppServices } from "../layers.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";

/** The schedule's step in minutes: a divisor of 60 (cron steps), the nearest at or above the asked interval. */
const DIVISORS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];
export const minutesFor = (ms: number) => DIVISORS.find((d) => d * 60_000 >= ms) ?? 60;

/** A failure its job already logged in full: the queue still retries it, without a second, vaguer line. */
class LoggedJobFailure extends Error {}

/** A use case as a job: on the background pool; a failure is logged and retried by the queue. */
const handler = (
  runtime: AppRuntime,
  logger: Logger,
  type: string,
  work: (payload: Record<string, unknown>) => Effect.Effect<void, unknown, AppServices>,
  options: Omit<JobHandler, "run">,
): JobHandler => ({
  ...options,
  run: (raw) => {
    const payload = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
    return Effect.tryPromise({
      try: () => runtime.runPromise(work(payload).pipe(Effect.provideService(BackgroundWork, true))),
      catch: (err) => {
        if (err instanceof LoggedJobFailure) return err;
        logger.warn({ job: type, err: err instanceof Error ? err.message : String(err) }, "job failed: retried with backoff");
        return err;
      },
    });
  },
});

export interface JobOptions {
  readonly mediaExpiryMs: number;
  /** Each webhook attempt's outcome (the deliveries counter in /metrics). */
  readonly onWebhookOutcome?: (event: string, outcome: "delivered" | "retry" | "failed" | "dropped") => void;
}

/** One webhook delivery attempt, counted, and logged when it failed (never the secret, the body or the full URL). */
const deliverOne = (logger: Logger, options: JobOptions) => (p: Record<string, unknown>) => {
  const deliveryId = String(p.deliveryId);
  return deliverWebhook(deliveryId).pipe(
    Effect.tap((r) =>
      Effect.sync(() => {
        if (r.outcome === "skipped") return;
        const event = String(p.event ?? "unknown");
        options.onWebhookOutcome?.(event, r.outcome);
        if (r.outcome === "failed")
          logger.warn(
            { deliveryId, webhookId: r.webhookId, attempts: r.attempts, statusCode: r.statusCode, err: r.error },
            "webhook delivery failed: no attempts left",
          );
      }),
    ),
    Effect.mapError((e: WebhookAttemptFailed) => {
      options.onWebhookOutcome?.(String(p.event ?? "unknown"), "retry");
      logger.warn(
        { deliveryId, webhookId: e.webhookId, attempts: e.attempts, statusCode: e.statusCode, err: e.error },
        "webhook attempt failed: retried with backoff",
      );
      return new LoggedJobFailure(`webhook attempt ${e.attempts} failed: ${e.statusCode ?? e.error}`);
    }),
    Effect.asVoid,
  );
};

/**
 * The scheduled work on the job queue (once per schedule across every instance, retried on failure):
 * the session, idempotency-key and retention purge (docs/privacy.md) hourly, upload expiry every MEDIA_EXPIRY_INTERVAL_MS (rounded
 * to a cron step). Both also run once at start (one job across instances, by key).
 */
export const jobHandlers = (runtime: AppRuntime, logger: Logger, options: JobOptions) => ({
  "session.purge": handler(
    runtime,
    logger,
    "session.purge",
    () =>
      Effect.all([purgeSessions(), purgeIdempotencyKeys(), purgeRetention()]).pipe(
        Effect.tap(([sessions, idempotencyKeys, retention]) =>
          Effect.sync(() => {
            const retained = retention.notifications + retention.hashtagUses + retention.locationRecords;
            if (sessions + idempotencyKeys + retained > 0)
              logger.info({ sessions, idempotencyKeys, ...retention }, "expired sessions, idempotency keys and data past retention purged");
          }),
        ),
      ),
    { concurrency: 1, everyMinutes: 60 },
  ),
  "media.expire": handler(
    runtime,
    logger,
    "media.expire",
    () =>
      expireUploads().pipe(
        Effect.tap((removed) => Effect.sync(() => (removed > 0 ? logger.info({ removed }, "expired uploads removed") : undefined))),
      ),
    { concurrency: 1, everyMinutes: minutesFor(options.mediaExpiryMs) },
  ),
  // Urgent questions' rings of locals (see escalateQuestion), a few at once per instance.
  [ESCALATE_JOB]: handler(
    runtime,
    logger,
    ESCALATE_JOB,
    (p) =>
      escalateQuestion(QuestionId(String(p.questionId)), Number(p.ring ?? 0)).pipe(
        Effect.tap((r) => Effect.sync(() => logger.info({ questionId: p.questionId, ring: p.ring, ...r }, "urgent question escalated"))),
      ),
    { concurrency: 4 },
  ),
  // The asker's one reminder to accept an answer, 48 h after asking.
  [REMIND_JOB]: handler(runtime, logger, REMIND_JOB, (p) => remindToAccept(QuestionId(String(p.questionId))).pipe(Effect.asVoid), {
    concurrency: 2,
  }),
  // Followed regions' and hashtags' new questions, one notice per follow per hour at most.
  [FOLLOW_JOB]: handler(
    runtime,
    logger,
    FOLLOW_JOB,
    () =>
      notifyFollowers().pipe(
        Effect.tap((r) => Effect.sync(() => (r.notified > 0 ? logger.info(r, "followers told of new questions") : undefined))),
      ),
    { concurrency: 1, everyMinutes: FOLLOW_SCAN_MINUTES },
  ),
  // Partners' webhooks: one attempt per run; a failed attempt fails the job, so the queue retries it with backoff.
  [DELIVER_WEBHOOK_JOB]: handler(runtime, logger, DELIVER_WEBHOOK_JOB, deliverOne(logger, options), { concurrency: 4 }),
  // The opt-in morning digest at 08:00 KST.
  [DIGEST_JOB]: handler(
    runtime,
    logger,
    DIGEST_JOB,
    () => sendDigests().pipe(Effect.tap((r) => Effect.sync(() => logger.info(r, "morning digests sent")))),
    { concurrency: 1, dailyAtUtc: DIGEST_AT_UTC },
  ),
});

/** The first-run jobs of scheduled types, so each runs at start, not only at its first cron tick; retried until the database answers. */
const enqueueFirstRuns = (handlers: Readonly<Record<string, JobHandler>>, logger: Logger) =>
  Effect.gen(function* () {
    const queue = yield* JobQueue;
    for (const [type, h] of Object.entries(handlers)) if (h.everyMinutes) yield* queue.enqueue({ type, key: `start:${type}` });
  }).pipe(
    Effect.catchCause((cause) =>
      Effect.andThen(
        Effect.sync(() =>
          logger.warn({ err: Cause.pretty(cause).split("\n")[0] }, "job queue unreachable: first runs not queued yet, retrying"),
        ),
        Effect.fail(cause),
      ),
    ),
    Effect.retry(Schedule.spaced(Duration.seconds(5))),
  );

/**
 * Starts this instance's job runner (interrupt the returned fiber's scope to stop) and reads the queue's
 * counts into /metrics. A database that is down at start delays the runners, logged; it never stops them.
 */
export const runJobs = (runtime: AppRuntime, logger: Logger, metrics: Metrics, options: { readonly mediaExpiryMs: number }) => {
  const handlers = jobHandlers(runtime, logger, {
    ...options,
    onWebhookOutcome: (event, outcome) => metrics.webhookDeliveries.inc({ event, outcome }),
  });
  metrics.readJobCountsFrom(() => runtime.runPromise(JobQueue.use((q) => q.counts).pipe(Effect.timeout("2 seconds"))));
  return Effect.gen(function* () {
    yield* (yield* JobRunner).start(handlers, {
      onOutcome: (type, outcome) => metrics.jobRuns.inc({ type, outcome }),
      onStartFailed: (type, error, retryInMs) =>
        logger.warn(
          { type, retryInMs, err: error instanceof Error ? error.message : String(error) },
          "job runner could not start: retrying",
        ),
      onStopTimedOut: (type) =>
        logger.warn({ type }, "job runner did not stop in time: its jobs in flight run again after their lock expires"),
    });
    logger.info({ types: Object.keys(handlers) }, "job runner started");
    yield* enqueueFirstRuns(handlers, logger);
    return yield* Effect.never;
  }).pipe(Effect.scoped, Effect.provideService(BackgroundWork, true));
};
