import { Effect, Layer } from "effect";
import { LedgerRepository } from "../../application/ports/LedgerRepository.js";
import { PgDatabase } from "./PgDatabase.js";
import { type EntryRow, toEntry } from "./rows.js";
import { CurrentTx, makeSql } from "./sql.js";

export const PgLedgerRepository = Layer.effect(
  LedgerRepository,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return {
      // Inside a unit of work the user's row is locked: postings to one account are serialized.
      account: (userId) =>
        Effect.gen(function* () {
          const inTx = (yield* CurrentTx) !== null;
          const rows = yield* (inTx ? sql.rows : sql.readRows)<{ point_balance: number; total_earned_points: number }>(
            `SELECT point_balance, total_earned_points FROM users WHERE id = $1 AND deleted_at IS NULL${inTx ? " FOR UPDATE" : ""}`,
            [userId],
          );
          const row = rows[0];
          return row ? { userId, balance: row.point_balance, totalEarned: row.total_earned_points } : undefined;
        }),
      hasReference: (key) =>
        Effect.map(sql.rows("SELECT 1 FROM point_transactions WHERE reference_key = $1", [key]), (rows) => rows.length > 0),
      append: (entry, key, account) =>
        Effect.gen(function* () {
          yield* sql.rows(
            `INSERT INTO point_transactions (id, user_id, amount, transaction_type, description, reference_type, reference_id, reference_key,
               balance_before, balance_after, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
            [
              entry.id,
              entry.userId,
              entry.amount,
              entry.type,
              entry.description,
              entry.reference.type,
              entry.reference.id,
              key,
              entry.balanceBefore,
              entry.balanceAfter,
              entry.createdAt,
            ],
          );
          yield* sql.rows("UPDATE users SET point_balance = $2, total_earned_points = $3 WHERE id = $1", [
            entry.userId,
            account.balance,
            account.totalEarned,
          ]);
        }),
      history: (userId, before, limit) =>
        Effect.map(
          before === undefined
            ? sql.readRows<EntryRow>("SELECT * FROM point_transactions WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2", [
                userId,
                limit,
              ])
            : sql.readRows<EntryRow>(
                `SELECT p.* FROM point_transactions p, point_transactions c WHERE c.id = $2 AND p.user_id = $1
                   AND (p.created_at, p.id) < (c.created_at, c.id) ORDER BY p.created_at DESC, p.id DESC LIMIT $3`,
                [userId, before, limit],
              ),
          (rows) => rows.map(toEntry),
        ),
    };
  }),
);
