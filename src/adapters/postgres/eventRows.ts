import type { RecordedEvent } from "../../application/ports/EventLog.js";
import { aggregateOf, type DomainEvent } from "../../application/ports/Events.js";

/**
 * One statement stores the events and, for each, a delivery per consumer that wants it.
 * $1: the events as a JSON array of {ord, type, aggregate, payload}; $2: {type, consumer} pairs.
 */
export const RECORD_EVENTS = `WITH e AS (
    INSERT INTO domain_events (type, aggregate, payload)
    SELECT x.type, x.aggregate, x.payload FROM jsonb_to_recordset($1::jsonb) AS x(ord int, type text, aggregate text, payload jsonb) ORDER BY x.ord
    RETURNING id, type)
  INSERT INTO event_deliveries (consumer, event_id)
  SELECT c.consumer, e.id FROM e JOIN jsonb_to_recordset($2::jsonb) AS c(type text, consumer text) ON c.type = e.type`;

export const recordParameters = (events: readonly DomainEvent[], routes: readonly { type: string; consumer: string }[]) => [
  JSON.stringify(events.map((event, ord) => ({ ord, type: event._tag, aggregate: aggregateOf(event), payload: event }))),
  JSON.stringify(routes),
];

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
