import { Effect, Layer } from "effect";
import { EventConsumers, EventLog } from "../../application/ports/EventLog.js";
import { Events } from "../../application/ports/Events.js";
import { type EventRow, recordStatement, toRecorded } from "./eventRows.js";
import { PgDatabase } from "./PgDatabase.js";
import { makeSql } from "./sql.js";

/** Recorded in the caller's unit of work (one statement), so the events commit or roll back with the change. */
export const PgEvents = Layer.effect(
  Events,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    // Who listens is fixed when the layer is built (the composition root says).
    const routes = (yield* EventConsumers).flatMap((c) => c.wants.map((type) => ({ type, consumer: c.name })));
    return {
      record: (events) => (events.length === 0 ? Effect.void : Effect.asVoid(sql.rows(...recordStatement(events, routes)))),
    };
  }),
);

export const PgEventLog = Layer.effect(
  EventLog,
  Effect.gen(function* () {
    const sql = makeSql(yield* PgDatabase);
    const rebuilders = (yield* EventConsumers).filter((c) => c.wants.includes("QuestionChanged")).map((c) => c.name);
    return {
      // The primary, always: a consumer acting on a replica's past would acknowledge what it never saw.
      pending: (consumer, limit) =>
        Effect.map(
          sql.primaryRows<EventRow>(
            `SELECT e.id, e.payload, e.recorded_at FROM event_deliveries d JOIN domain_events e ON e.id = d.event_id
             WHERE d.consumer = $1 ORDER BY d.event_id LIMIT $2`,
            [consumer, limit],
          ),
          (rows) => rows.map(toRecorded),
        ),
      acknowledge: (consumer, ids) =>
        ids.length === 0
          ? Effect.void
          : Effect.asVoid(sql.rows("DELETE FROM event_deliveries WHERE consumer = $1 AND event_id = ANY($2::bigint[])", [consumer, ids])),
      backlog: (consumer) =>
        Effect.map(sql.primaryRows<{ n: number }>("SELECT count(*) AS n FROM event_deliveries WHERE consumer = $1", [consumer]), (r) =>
          Number(r[0]?.n ?? 0),
        ),
      purgeDelivered: (before) =>
        Effect.map(
          sql.rows<{ n: number }>(
            `WITH gone AS (DELETE FROM domain_events e WHERE e.recorded_at < $1
               AND NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.event_id = e.id) RETURNING 1)
             SELECT count(*) AS n FROM gone`,
            [before],
          ),
          (r) => Number(r[0]?.n ?? 0),
        ),
      recordEveryQuestion: Effect.gen(function* () {
        const rows = yield* sql.rows<{ n: number }>(
          `WITH e AS (
             INSERT INTO domain_events (type, aggregate, payload)
             SELECT 'QuestionChanged', 'question:' || id, jsonb_build_object('_tag', 'QuestionChanged', 'questionId', id)
             FROM questions ORDER BY created_at, id RETURNING id),
           d AS (INSERT INTO event_deliveries (consumer, event_id) SELECT c, e.id FROM e, unnest($1::text[]) AS c)
           SELECT count(*) AS n FROM e`,
          [rebuilders],
        );
        return Number(rows[0]?.n ?? 0);
      }),
    };
  }),
);
