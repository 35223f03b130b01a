import { createHash } from "node:crypto";
import { Cause, Context, Duration, Effect, Exit, Schedule } from "effect";
import type pg from "pg";
import { DependencyUnavailable } from "../../application/errors.js";
import { BackgroundWork, ReadFromPrimary } from "../../application/ports/ReadConsistency.js";
import type { PgDatabaseShape } from "./PgDatabase.js";

/** A failed statement, with PostgreSQL's SQLSTATE and constraint so adapters can translate the expected ones. */
export class PgError extends Error {
  readonly _tag = "PgError";
  constructor(
    readonly code: string | undefined,
    readonly constraint: string | undefined,
    message: string,
  ) {
    super(message);
  }
  static from(e: unknown): PgError {
    const err = e as { code?: string; constraint?: string; message?: string };
    return new PgError(err.code, err.constraint, err.message ?? String(e));
  }
}

/** The client of the unit of work the current fiber runs in, if any. */
export const CurrentTx = Context.Reference<pg.PoolClient | null>("dongne/adapters/PgCurrentTx", { defaultValue: () => null });

/**
 * Statements with parameters run as named prepared statements: each connection plans a statement's
 * text once, not on every call (planning was ~40 % of an accept's database time). Their number is
 * bounded by the statement shapes the adapters build.
 */
const statementNames = new Map<string, string>();
const nameOf = (text: string) => {
  let name = statementNames.get(text);
  if (!name) {
    name = `dongne_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
};

const run = <R extends pg.QueryResultRow>(client: pg.Pool | pg.PoolClient, text: string, values: readonly unknown[]) =>
  Effect.tryPromise({
    try: () => (values.length === 0 ? client.query<R>(text) : client.query<R>({ name: nameOf(text), text, values: values as unknown[] })),
    catch: PgError.from,
  });

export const makeSql = (db: PgDatabaseShape) => {
  /** On the unit of work's connection, else the primary. Expected failures stay typed; callers decide. */
  const query = <R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    Effect.gen(function* () {
      const tx = yield* CurrentTx;
      if (tx) return yield* run<R>(tx, text, values);
      return yield* run<R>((yield* BackgroundWork) ? db.background : db.primary, text, values);
    });

  /**
   * Outside a unit of work a request's read goes to a healthy replica; a replica that fails hands the
   * read to the primary. Read-your-writes and background work read the primary.
   */
  const read = <R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    Effect.gen(function* () {
      const tx = yield* CurrentTx;
      if (tx) return yield* run<R>(tx, text, values);
      if (yield* BackgroundWork) return yield* run<R>(db.background, text, values);
      if (yield* ReadFromPrimary) return yield* run<R>(db.primaryReads, text, values);
      const pool = db.reads.pick();
      if (pool === db.primaryReads) return yield* run<R>(pool, text, values);
      return yield* run<R>(pool, text, values).pipe(
        Effect.catch((e) =>
          isConnectionFailure(e)
            ? Effect.sync(() => db.reads.reportFailure(pool)).pipe(Effect.andThen(run<R>(db.primaryReads, text, values)))
            : Effect.fail(e),
        ),
      );
    });

  /** Rows, with any database failure a defect: an outage or overload says so (DependencyUnavailable), anything else is a bug. */
  const rows = <R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    query<R>(text, values).pipe(
      Effect.map((r) => r.rows),
      Effect.catch((e) => Effect.die(asDefect(e))),
    );
  const readRows = <R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    read<R>(text, values).pipe(
      Effect.map((r) => r.rows),
      Effect.catch((e) => Effect.die(asDefect(e))),
    );
  /** Reads that must be current (balances, the ledger, what a decision rests on): the primary, never a replica. */
  const primaryRows = <R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    Effect.gen(function* () {
      const tx = yield* CurrentTx;
      const client = tx ?? ((yield* BackgroundWork) ? db.background : db.primaryReads);
      return (yield* run<R>(client, text, values)).rows;
    }).pipe(Effect.catch((e) => Effect.die(asDefect(e))));

  return { query, read, rows, readRows, primaryRows, transact: transact(db) };
};
export type Sql = ReturnType<typeof makeSql>;

const CONNECTION_FAILURES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08003",
  "08006",
  "08001",
  "08004",
]);
const isConnectionFailure = (e: PgError) =>
  (e.code !== undefined && CONNECTION_FAILURES.has(e.code)) || /connect|terminat|timeout/i.test(e.message);

/** Serialization failures, deadlocks and lock timeouts: the whole unit of work runs again. */
const RETRYABLE = new Set(["40001", "40P01", "55P03"]);
/** Statement timeouts and exhausted retries: the database is overloaded right now, not wrong. */
const OVERLOAD = new Set(["57014", ...RETRYABLE]);

const asDefect = (e: PgError): Error =>
  isConnectionFailure(e) || (e.code !== undefined && OVERLOAD.has(e.code))
    ? new DependencyUnavailable("database", e.message, { cause: e })
    : e;

const pgErrorOf = (r: Cause.Reason<unknown>) => {
  const e = Cause.isDieReason(r) ? r.defect : Cause.isFailReason(r) ? r.error : undefined;
  if (e instanceof PgError) return e;
  if (e instanceof DependencyUnavailable && e.cause instanceof PgError) return e.cause;
  return undefined;
};
const retryableCause = (cause: Cause.Cause<unknown>) =>
  cause.reasons.some((r) => {
    const code = pgErrorOf(r)?.code;
    return code !== undefined && RETRYABLE.has(code);
  });

/** Up to 4 retries, 20 ms doubling, jittered so colliding units do not collide again in step. */
const RETRIES = 4;
const RETRY_SCHEDULE = Schedule.exponential(Duration.millis(20)).pipe(Schedule.jittered);

class RetryableExit {
  constructor(readonly exit: Exit.Exit<unknown, unknown>) {}
}

const transact =
  (db: PgDatabaseShape) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.gen(function* () {
      if (yield* CurrentTx) return yield* effect;
      const pool = (yield* BackgroundWork) ? db.background : db.primary;
      const once = Effect.acquireUseRelease(
        Effect.tryPromise({ try: () => pool.connect(), catch: PgError.from }).pipe(Effect.catch((e) => Effect.die(asDefect(e)))),
        (client) =>
          Effect.uninterruptibleMask((restore) =>
            Effect.gen(function* () {
              yield* Effect.promise(() => client.query("BEGIN"));
              const exit = yield* Effect.exit(restore(Effect.provideService(effect, CurrentTx, client)));
              if (Exit.isSuccess(exit)) {
                const committed = yield* Effect.exit(Effect.tryPromise({ try: () => client.query("COMMIT"), catch: PgError.from }));
                if (Exit.isFailure(committed)) return yield* Effect.die(asDefect(Cause.squash(committed.cause) as PgError));
              } else yield* Effect.promise(() => client.query("ROLLBACK")).pipe(Effect.ignore);
              return yield* exit;
            }),
          ),
        // A client whose transaction died is dropped rather than returned to the pool.
        (client, exit) => Effect.sync(() => client.release(Exit.isFailure(exit) && Cause.hasDies(exit.cause) ? true : undefined)),
      );
      const attempt = Effect.exit(once).pipe(
        Effect.flatMap((exit) =>
          Exit.isFailure(exit) && retryableCause(exit.cause) ? Effect.fail(new RetryableExit(exit)) : Effect.succeed(exit),
        ),
      );
      const exit = yield* attempt.pipe(
        Effect.retry({ schedule: RETRY_SCHEDULE, times: RETRIES }),
        Effect.catch((last) => Effect.succeed(last.exit as Exit.Exit<A, E>)),
      );
      return yield* exit;
    });

/** Collects parameters for a statement built in pieces: `p(value)` returns its placeholder. */
export const paramList = () => {
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  return { params, p };
};
