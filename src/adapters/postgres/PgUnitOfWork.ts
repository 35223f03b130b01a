import { Effect, Layer } from "effect";
import { UnitOfWork } from "../../application/ports/UnitOfWork.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

/** READ COMMITTED transactions; safety comes from constraints and row locks, and deadlocks are retried. */
export const PgUnitOfWork = Layer.effect(
  UnitOfWork,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    return { transact: sql.transact };
  }),
);
