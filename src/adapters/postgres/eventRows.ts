import type { RecordedEvent } from "../../application/ports/EventLog.js";
import { aggregateOf, type DomainEvent } from "../../application/ports/Events.js";
import { PROJECT_SEARCH_ROWS, searchRowsOf } from "./searchRows.js";

/**
 * One statement stores the events, for each a delivery per consumer that wants it, and (when given)
 * the search rows of the questions whose text they carry — the PostgreSQL search projection, kept in
 * the same transaction so search on PostgreSQL reads its own writes.
 * $1: the events as a JSON array of {ord, type, aggregate, payload}; $2: {type, consumer} pairs; $3: search rows.
 */
export const recordEventsStatement = (withSearchRows: boolean) => `WITH e AS (
    INSERT INTO domain_events (type, aggregate, payload)
    SELECT x.type, x.aggregate, x.payload FROM jsonb_to_recordset($1::jsonb) AS x(ord int, type text, aggregate text, payload jsonb) ORDER BY x.ord
    RETURNING id, type),
  d AS (INSERT INTO event_deliveries (consumer, event_id)
    SELECT c.consumer, e.id FROM e JOIN jsonb_to_recordset($2::jsonb) AS c(type text, consumer text) ON c.type = e.type)
  ${withSearchRows ? `, s AS (${PROJECT_SEARCH_ROWS("$3")})` : ""}
  SELECT 1`;

export const recordStatement = (events: readonly DomainEvent[], routes: readonly { type: string; consumer: string }[]) => {
  const searchRows = searchRowsOf(events);
  const values = [
    JSON.stringify(events.map((event, ord) => ({ ord, type: event._tag, aggregate: aggregateOf(event), payload: event }))),
    JSON.stringify(routes),
    ...(searchRows ? [searchRows] : []),
  ];
  return [recordEventsStatement(searchRows !== undefined), values] as const;
};

export interface EventRow {
  readonly id: number;
  readonly payload: DomainEvent;
  readonly recorded_at: Date;
}

/** JSON keeps no dates: the one date inside an event payload comes back as a Date. */
export const toRecorded = (r: EventRow): RecordedEvent => {
  const event = r.payload;
  return {
    id: Number(r.id),
    recordedAt: r.recorded_at,
    event:
      event._tag === "NotificationCreated"
        ? { ...event, notification: { ...event.notification, createdAt: new Date(event.notification.createdAt) } }
        : event,
  };
};
