import { Effect, Layer } from "effect";
import { Logger, type ParsedCronItem, parseCronItems, type Runner, run, runMigrations, type TaskList } from "graphile-worker";
import type pg from "pg";
import { JobQueue, JobRunner } from "../../application/ports/JobQueue.js";
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

/**
 * graphile-worker runners on their own pool (`jobs`), one per job type so each type has its own
 * concurrency; schedules are cron items (graphile-worker's `known_crontabs` fires each once across
 * instances). Stopped (jobs in flight finish) when the scope closes.
 */
export const PgJobRunner = Layer.effect(
  JobRunner,
  Effect.gen(function* () {
    const db = yield* PgDatabase;
    return {
      start: (handlers, events) =>
        Effect.acquireRelease(
          Effect.promise(async () => {
            const runners: Runner[] = [];
            for (const [type, handler] of Object.entries(handlers)) {
              const taskList: TaskList = {
                [type]: async (payload) => {
                  await Effect.runPromise(handler.run(payload));
                },
              };
              // graphile-worker matches cron items in UTC.
              const match = handler.dailyAtUtc
                ? `${handler.dailyAtUtc.minute} ${handler.dailyAtUtc.hour} * * *`
                : handler.everyMinutes
                  ? handler.everyMinutes >= 60
                    ? "0 * * * *"
                    : `*/${handler.everyMinutes} * * * *`
                  : null;
              const parsedCronItems: ParsedCronItem[] = match
                ? parseCronItems([
                    {
                      task: type,
                      match,
                      identifier: type,
                      options: { backfillPeriod: 0, maxAttempts: DEFAULT_ATTEMPTS },
                    },
                  ])
                : [];
              const runner = await run({
                pgPool: db.jobs,
                concurrency: handler.concurrency,
                taskList,
                parsedCronItems,
                noHandleSignals: true,
                pollInterval: 1_000,
                logger: silentLogger(),
              });
              runner.events.on("job:success", () => events?.onOutcome?.(type, "success"));
              runner.events.on("job:error", () => events?.onOutcome?.(type, "failure"));
              runners.push(runner);
            }
            return runners;
          }),
          (runners) => Effect.promise(() => Promise.all(runners.map((r) => r.stop().catch(() => {})))),
        ).pipe(Effect.asVoid),
    };
  }),
);
