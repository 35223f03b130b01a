import { Context, type Effect, type Scope } from "effect";

/** Plain JSON: what a job carries. */
export type JobPayload = Readonly<Record<string, string | number | boolean | null>>;

export interface JobRequest {
  /** The handler's name (`session.purge`, `media.expire`, …). */
  readonly type: string;
  readonly payload?: JobPayload;
  /** Not before then (default: now). */
  readonly runAt?: Date;
  /** At most one waiting job per key: enqueueing again replaces it (payload, time). */
  readonly key?: string;
  /** Attempts before the job is left failed (default 5). */
  readonly maxAttempts?: number;
}

/** A job that used up its attempts, kept for inspection until retried. */
export interface FailedJob {
  readonly id: string;
  readonly type: string;
  readonly payload: unknown;
  readonly attempts: number;
  readonly lastError: string | null;
}

export interface QueueCounts {
  readonly type: string;
  /** Due now or later, attempts left. */
  readonly waiting: number;
  readonly failed: number;
}

/**
 * Background jobs on a durable queue. `enqueue` inside a unit of work is part of it: the job exists
 * exactly when the change that caused it committed. A failed run is retried with backoff (exponential,
 * e^attempt seconds) up to the job's attempts; then it stays visible in `failed` until `retry`.
 */
export class JobQueue extends Context.Service<
  JobQueue,
  {
    readonly enqueue: (job: JobRequest) => Effect.Effect<void>;
    readonly failed: (limit: number) => Effect.Effect<readonly FailedJob[]>;
    /** Gives failed jobs their attempts back, due now; returns how many. */
    readonly retry: (ids: readonly string[]) => Effect.Effect<number>;
    readonly counts: Effect.Effect<readonly QueueCounts[]>;
  }
>()("dongne/JobQueue") {}

/** How a job type runs: its handler, how many run at once per instance, and an optional schedule. */
export interface JobHandler {
  /** Fails (or dies) to be retried. */
  readonly run: (payload: unknown) => Effect.Effect<void, unknown>;
  readonly concurrency: number;
  /** A job every this many minutes (a divisor of 60), once across all instances. */
  readonly everyMinutes?: number;
  /** Or a job once a day at this UTC time (e.g. 23:00 UTC = 08:00 KST), once across all instances. */
  readonly dailyAtUtc?: { readonly hour: number; readonly minute: number };
}

/** What a runner reports: each job's outcome, and the trouble it works around (the service logs it). */
export interface JobRunnerEvents {
  readonly onOutcome?: (type: string, outcome: "success" | "failure") => void;
  /** A type's runner could not start (the database is down): it is tried again after `retryInMs`. */
  readonly onStartFailed?: (type: string, error: unknown, retryInMs: number) => void;
  /** A type's runner did not stop within its bound: left behind; its jobs in flight run again once their lock expires. */
  readonly onStopTimedOut?: (type: string) => void;
}

/**
 * Runs the queue's jobs with the given handlers while the scope lasts (every instance runs one). Starting
 * never fails: a runner that cannot start yet is retried with backoff while the rest run. Closing the scope
 * stops them, each within a bound, whatever state the database is in.
 */
export class JobRunner extends Context.Service<
  JobRunner,
  {
    readonly start: (handlers: Readonly<Record<string, JobHandler>>, events?: JobRunnerEvents) => Effect.Effect<void, never, Scope.Scope>;
  }
>()("dongne/JobRunner") {}
