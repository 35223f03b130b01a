import { Effect, Layer } from "effect";
import { LedgerRepository } from "../../application/ports/LedgerRepository.js";
import { statement } from "./columns.js";
import { PgDatabase } from "./PgDatabase.js";
import { type EntryRow, POINT_TRANSACTIONS, toEntry } from "./rows.js";
import { CurrentTx, makeSql } from "./sql.js";

export const PgLedgerRepository = Layer.effect(
  LedgerRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      // Balances are read from the primary, never a lagging replica; inside a unit of work the user's row is
      // locked, so postings to one account are serialized (NO KEY UPDATE: see PgUserRepository.findForUpdate).
      account: (userId) =>
        Effect.gen(function* () {
          const inTx = (yield* CurrentTx) !== null;
          const rows = yield* sql.primaryRows<{ point_balance: number; total_earned_points: number }>(
            `SELECT point_balance, total_earned_points FROM users WHERE id = $1 AND deleted_at IS NULL${inTx ? " FOR NO KEY UPDATE" : ""}`,
            [userId],
          );
          const row = rows[0];
          return row ? { userId, balance: row.point_balance, totalEarned: row.total_earned_points } : undefined;
        }),
      hasReference: (key) =>
        Effect.map(sql.primaryRows("SELECT 1 FROM point_transactions WHERE reference_key = $1", [key]), (rows) => rows.length > 0),
      // One statement: the entry, and the balance only if the entry went in (the unique reference key decides).
      append: (entry, key, account) =>
        Effect.map(
          sql.rows(
            ...statement(
              (p) => `WITH e AS (${POINT_TRANSACTIONS.insert({ entry, key }, p)} ON CONFLICT (reference_key) DO NOTHING RETURNING user_id)
               UPDATE users SET point_balance = ${p(account.balance)}, total_earned_points = ${p(account.totalEarned)}
               FROM e WHERE users.id = e.user_id RETURNING 1`,
            ),
          ),
          (rows) => rows.length > 0,
        ),
      history: (userId, before, limit) =>
        Effect.map(
          before === undefined
            ? sql.primaryRows<EntryRow>(
                `SELECT ${POINT_TRANSACTIONS.select} FROM point_transactions WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
                [userId, limit],
              )
            : sql.primaryRows<EntryRow>(
                `SELECT ${POINT_TRANSACTIONS.selectAs("p")} FROM point_transactions p, point_transactions c WHERE c.id = $2 AND p.user_id = $1
                   AND (p.created_at, p.id) < (c.created_at, c.id) ORDER BY p.created_at DESC, p.id DESC LIMIT $3`,
                [userId, before, limit],
              ),
          (rows) => rows.map(toEntry),
        ),
    };
  }),
);
