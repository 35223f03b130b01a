import { Duration, Effect, Layer } from "effect";
import { Logger, type ParsedCronItem, parseCronItems, type Runner, run, runMigrations, type TaskList } from "graphile-worker";
import type pg from "pg";
import { type JobHandler, JobQueue, JobRunner, type JobRunnerEvents } from "../../application/ports/JobQueue.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

/** graphile-worker's schema (its own migrations, run by `migrate` as the owner; the service role is granted use). */
export const JOBS_SCHEMA = "graphile_worker";
const DEFAULT_ATTEMPTS = 5;

/** Installs or upgrades graphile-worker's schema and lets the service role use it. */
export const migrateJobQueue = async (client: pg.Client, url: string) => {
  await runMigrations({ connectionString: url, logger: silentLogger() });
  await client.query(`DO $$ DECLARE t text; BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dongne_app') THEN
        GRANT USAGE ON SCHEMA ${JOBS_SCHEMA} TO dongne_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOBS_SCHEMA} TO dongne_app;
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${JOBS_SCHEMA} TO dongne_app;
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOBS_SCHEMA} TO dongne_app;
        -- graphile-worker turns on row-level security (only its owner passes); the service role gets every row.
        FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = '${JOBS_SCHEMA}' AND c.relkind = 'r' AND c.relrowsecurity
                   AND NOT EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname AND p.policyname = 'dongne_app_all')
        LOOP
          EXECUTE format('CREATE POLICY dongne_app_all ON ${JOBS_SCHEMA}.%I FOR ALL TO dongne_app USING (true) WITH CHECK (true)', t);
        END LOOP;
      END IF;
    END $$`);
};

// graphile-worker's logger interface, quiet: the runner's outcomes are reported through `events`.
const silentLogger = () => new Logger(() => () => {});

/** The queue on PostgreSQL: `enqueue` is a statement on the unit of work's connection, so the job commits with the change. */
export const PgJobQueue = Layer.effect(
  JobQueue,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      enqueue: (job) =>
        Effect.asVoid(
          sql.rows(
            `SELECT 1 FROM ${JOBS_SCHEMA}.add_job($1::text, payload => $2::json, run_at => $3::timestamptz, job_key => $4::text, max_attempts => $5::int)`,
            [job.type, JSON.stringify(job.payload ?? {}), job.runAt ?? null, job.key ?? null, job.maxAttempts ?? DEFAULT_ATTEMPTS],
          ),
        ),
      failed: (limit) =>
        Effect.map(
          sql.primaryRows<{ id: string; task_identifier: string; payload: unknown; attempts: number; last_error: string | null }>(
            // The public view leaves the payload out: the private tables (the service role has a policy on them).
            `SELECT j.id::text, t.identifier AS task_identifier, j.payload, j.attempts, j.last_error
             FROM ${JOBS_SCHEMA}._private_jobs j JOIN ${JOBS_SCHEMA}._private_tasks t ON t.id = j.task_id
             WHERE j.attempts >= j.max_attempts AND j.locked_at IS NULL ORDER BY j.id LIMIT $1`,
            [limit],
          ),
          (rows) =>
            rows.map((r) => ({ id: r.id, type: r.task_identifier, payload: r.payload, attempts: r.attempts, lastError: r.last_error })),
        ),
      retry: (ids) =>
        ids.length === 0
          ? Effect.succeed(0)
          : Effect.map(
              sql.rows(
                `SELECT 1 FROM ${JOBS_SCHEMA}.reschedule_jobs(
                   ARRAY(SELECT id FROM ${JOBS_SCHEMA}.jobs WHERE id = ANY($1::bigint[]) AND attempts >= max_attempts),
                   run_at => now(), attempts => 0)`,
                [ids.filter((id) => /^\d{1,18}$/.test(id))],
              ),
              (rows) => rows.length,
            ),
      counts: Effect.map(
        sql.primaryRows<{ type: string; waiting: number; failed: number }>(
          `SELECT task_identifier AS type, count(*) FILTER (WHERE attempts < max_attempts)::int AS waiting,
                  count(*) FILTER (WHERE attempts >= max_attempts)::int AS failed
           FROM ${JOBS_SCHEMA}.jobs GROUP BY task_identifier ORDER BY task_identifier`,
        ),
        (rows) => rows.map((r) => ({ type: r.type, waiting: Number(r.waiting), failed: Number(r.failed) })),
      ),
    };
  }),
);

/** How long one runner may take to start (graphile-worker checks its schema first) before it is tried again. */
const START_BUDGET = Duration.seconds(15);
/** How long a runner's graceful stop (its jobs in flight finishing) may take at shutdown. */
const STOP_BUDGET = Duration.seconds(10);
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;

// graphile-worker matches cron items in UTC.
const cronOf = (type: string, handler: JobHandler): ParsedCronItem[] => {
  const match = handler.dailyAtUtc
    ? `${handler.dailyAtUtc.minute} ${handler.dailyAtUtc.hour} * * *`
    : handler.everyMinutes
      ? handler.everyMinutes >= 60
        ? "0 * * * *"
        : `*/${handler.everyMinutes} * * * *`
      : null;
  return match
    ? parseCronItems([{ task: type, match, identifier: type, options: { backfillPeriod: 0, maxAttempts: DEFAULT_ATTEMPTS } }])
    : [];
};

/**
 * graphile-worker's `run`, as an effect that can be interrupted: its promise cannot be cancelled, so a
 * runner that starts after its caller gave up (timed out, shutting down) is stopped at once, not leaked.
 */
const startRunner = (options: Parameters<typeof run>[0]) =>
  Effect.callback<Runner, unknown>((resume) => {
    let abandoned = false;
    run(options).then(
      (runner) => (abandoned ? void runner.stop().catch(() => {}) : resume(Effect.succeed(runner))),
      (error: unknown) => abandoned || resume(Effect.fail(error)),
    );
    return Effect.sync(() => {
      abandoned = true;
    });
  });

const stopRunner = (type: string, runner: Runner, events: JobRunnerEvents | undefined) =>
  Effect.promise(() => runner.stop().catch(() => {})).pipe(
    Effect.timeoutOption(STOP_BUDGET),
    Effect.tap((stopped) => Effect.sync(() => stopped._tag === "None" && events?.onStopTimedOut?.(type))),
  );

/**
 * graphile-worker runners on their own pool (`jobs`), one per job type so each type has its own
 * concurrency; schedules are cron items (graphile-worker's `known_crontabs` fires each once across
 * instances). Each type's runner is started with backoff while the database is unreachable (a start in
 * progress is abandoned cleanly at shutdown) and started again if it ends on its own; all are stopped
 * together (jobs in flight finish), each within a bound, when the scope closes.
 */
export const PgJobRunner = Layer.effect(
  JobRunner,
  Effect.gen(function* () {
    const db = yield* PgDatabase;
    const startOne = (type: string, handler: JobHandler, events: JobRunnerEvents | undefined) => {
      const taskList: TaskList = {
        [type]: async (payload) => {
          await Effect.runPromise(handler.run(payload));
        },
      };
      const attempt = startRunner({
        pgPool: db.jobs,
        concurrency: handler.concurrency,
        taskList,
        parsedCronItems: cronOf(type, handler),
        noHandleSignals: true,
        pollInterval: 1_000,
        logger: silentLogger(),
        // Completions and failures written in batches: the batcher retries through a database outage, where
        // the unbatched path leaves a rejected promise unhandled (graphile-worker 0.17) and would end the process.
        preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
      }).pipe(
        Effect.timeoutOrElse({
          duration: START_BUDGET,
          orElse: () => Effect.fail(new Error(`job runner ${type} did not start within ${Duration.format(START_BUDGET)}`)),
        }),
      );
      const retried = (retryInMs: number): Effect.Effect<Runner> =>
        attempt.pipe(
          Effect.catch((error) =>
            Effect.sync(() => events?.onStartFailed?.(type, error, retryInMs)).pipe(
              Effect.andThen(Effect.sleep(Duration.millis(retryInMs))),
              Effect.andThen(Effect.suspend(() => retried(Math.min(retryInMs * 2, LAST_RETRY_MS)))),
            ),
          ),
        );
      // One runner's life: started (retried), then waited on; a runner that ends on its own (graphile-worker
      // gives up after a long outage) is started again. Interrupted at shutdown: the runner is stopped.
      const life = Effect.gen(function* () {
        const runner = yield* Effect.acquireRelease(Effect.interruptible(retried(FIRST_RETRY_MS)), (r) => stopRunner(type, r, events));
        runner.events.on("job:success", () => events?.onOutcome?.(type, "success"));
        runner.events.on("job:error", () => events?.onOutcome?.(type, "failure"));
        const ended = yield* Effect.promise(() =>
          runner.promise.then(
            () => undefined,
            (error: unknown) => error,
          ),
        );
        events?.onStartFailed?.(type, ended ?? new Error("the runner stopped"), FIRST_RETRY_MS);
        yield* Effect.sleep(Duration.millis(FIRST_RETRY_MS));
      }).pipe(Effect.scoped, Effect.forever);
      return life;
    };
    return {
      start: (handlers, events) =>
        // One fiber for all types, so shutdown stops their runners at once, not one after another.
        Effect.asVoid(
          Effect.forkScoped(
            Effect.forEach(Object.entries(handlers), ([type, handler]) => startOne(type, handler, events), {
              concurrency: "unbounded",
              discard: true,
            }),
          ),
        ),
    };
  }),
);
