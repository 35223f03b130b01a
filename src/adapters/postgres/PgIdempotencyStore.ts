import { Effect, Layer } from "effect";
import { type Claim, IdempotencyStore, type StoredResponse } from "../../application/ports/IdempotencyStore.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

interface KeyRow {
  readonly fingerprint: string;
  readonly state: "in_progress" | "done";
  readonly response: StoredResponse | null;
}

/** Keys in `idempotency_keys`: the primary key (user, key) makes one of concurrent duplicates the claimant. */
export const PgIdempotencyStore = Layer.effect(
  IdempotencyStore,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      claim: (scope, fingerprint, at) =>
        Effect.gen(function* () {
          yield* sql.rows(
            `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2
             AND (created_at <= $3 OR (state = 'in_progress' AND locked_at <= $4))`,
            [scope.userId, scope.key, at.expiredBefore, at.abandonedBefore],
          );
          const inserted = yield* sql.rows(
            `INSERT INTO idempotency_keys (user_id, key, fingerprint, created_at, locked_at) VALUES ($1, $2, $3, $4, $4)
             ON CONFLICT (user_id, key) DO NOTHING RETURNING 1 AS claimed`,
            [scope.userId, scope.key, fingerprint, at.now],
          );
          if (inserted.length > 0) return { _tag: "Claimed" } satisfies Claim;
          const [row] = yield* sql.primaryRows<KeyRow>(
            "SELECT fingerprint, state, response FROM idempotency_keys WHERE user_id = $1 AND key = $2",
            [scope.userId, scope.key],
          );
          // Gone between the insert and the read (released, purged): the next try claims it.
          if (!row) return { _tag: "InProgress" } satisfies Claim;
          if (row.fingerprint !== fingerprint) return { _tag: "Mismatch" } satisfies Claim;
          if (row.state === "done" && row.response) return { _tag: "Replay", response: row.response } satisfies Claim;
          return { _tag: "InProgress" } satisfies Claim;
        }),
      complete: (scope, response) =>
        Effect.asVoid(
          sql.rows("UPDATE idempotency_keys SET state = 'done', response = $3 WHERE user_id = $1 AND key = $2", [
            scope.userId,
            scope.key,
            JSON.stringify(response),
          ]),
        ),
      release: (scope) =>
        Effect.asVoid(
          sql.rows("DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND state = 'in_progress'", [scope.userId, scope.key]),
        ),
      purge: (createdBefore) =>
        Effect.map(
          sql.rows<{ n: number }>(
            "WITH gone AS (DELETE FROM idempotency_keys WHERE created_at <= $1 RETURNING 1) SELECT count(*)::int AS n FROM gone",
            [createdBefore],
          ),
          (rows) => rows[0]?.n ?? 0,
        ),
    };
  }),
);
