import { Cause, Context, Duration, Effect, Exit } from "effect";
import type pg from "pg";
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

const run = <R extends pg.QueryResultRow>(client: pg.Pool | pg.PoolClient, text: string, values: readonly unknown[]) =>
  Effect.tryPromise({ try: () => client.query<R>(text, values as unknown[]), catch: PgError.from });

export const makeSql = (db: PgDatabaseShape) => {
  /** On the unit of work's connection, else the primary. Expected failures stay typed; callers decide. */
  const query = <R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    Effect.gen(function* () {
      const tx = yield* CurrentTx;
      return yield* run<R>(tx ?? db.primary, text, values);
    });

  /** Outside a unit of work a read goes to a replica; a replica that fails hands the read to the primary. */
  const read = <R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    Effect.gen(function* () {
      const tx = yield* CurrentTx;
      if (tx) return yield* run<R>(tx, text, values);
      if (yield* ReadFromPrimary) return yield* run<R>(db.primary, text, values);
      const pool = db.reads.pick();
      if (pool === db.primary) return yield* run<R>(pool, text, values);
      return yield* run<R>(pool, text, values).pipe(
        Effect.catch((e) =>
          isConnectionFailure(e)
            ? Effect.sync(() => db.reads.reportFailure(pool)).pipe(Effect.andThen(run<R>(db.primary, text, values)))
            : Effect.fail(e),
        ),
      );
    });

  /** Rows, with any database failure treated as a defect (a bug or an outage, never a user's fault). */
  const rows = <R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    query<R>(text, values).pipe(
      Effect.map((r) => r.rows),
      Effect.orDie,
    );
  const readRows = <R extends pg.QueryResultRow>(text: string, values: readonly unknown[] = []) =>
    read<R>(text, values).pipe(
      Effect.map((r) => r.rows),
      Effect.orDie,
    );

  return { query, read, rows, readRows, transact: transact(db) };
};
export type Sql = ReturnType<typeof makeSql>;

/** Set by the app for a caller who has just written, so they read their own writes (see README). */
export const ReadFromPrimary = Context.Reference<boolean>("dongne/adapters/PgReadFromPrimary", { defaultValue: () => false });

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

/** Serialization failures and deadlocks are retried: the whole unit of work runs again. */
const RETRYABLE = new Set(["40001", "40P01"]);
const retryableCause = (cause: Cause.Cause<unknown>) =>
  cause.reasons.some((r) => {
    const e = Cause.isDieReason(r) ? r.defect : Cause.isFailReason(r) ? r.error : undefined;
    return e instanceof PgError && e.code !== undefined && RETRYABLE.has(e.code);
  });

const MAX_ATTEMPTS = 3;

const transact =
  (db: PgDatabaseShape) =>
  <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
    Effect.gen(function* () {
      if (yield* CurrentTx) return yield* effect;
      const once = Effect.acquireUseRelease(
        Effect.promise(() => db.primary.connect()),
        (client) =>
          Effect.uninterruptibleMask((restore) =>
            Effect.gen(function* () {
              yield* Effect.promise(() => client.query("BEGIN"));
              const exit = yield* Effect.exit(restore(Effect.provideService(effect, CurrentTx, client)));
              if (Exit.isSuccess(exit)) yield* Effect.promise(() => client.query("COMMIT"));
              else yield* Effect.promise(() => client.query("ROLLBACK")).pipe(Effect.ignore);
              return yield* exit;
            }),
          ),
        // A client whose transaction died is dropped rather than returned to the pool.
        (client, exit) => Effect.sync(() => client.release(Exit.isFailure(exit) && Cause.hasDies(exit.cause) ? true : undefined)),
      );
      for (let attempt = 1; ; attempt++) {
        const exit = yield* Effect.exit(once);
        if (Exit.isSuccess(exit) || attempt >= MAX_ATTEMPTS || !retryableCause(exit.cause)) return yield* exit;
        yield* Effect.sleep(Duration.millis(10 * 2 ** attempt));
      }
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
