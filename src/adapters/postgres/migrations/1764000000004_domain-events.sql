-- Up Migration
-- Domain events, stored in the same transaction as the change that produced them (the explicit
-- outbox), and one delivery row per consumer that wants the event; a consumer deletes its delivery
-- once it has handled the event, so delivery is at least once and an outage loses nothing.
CREATE TABLE domain_events (
  id          bigserial PRIMARY KEY,
  type        text NOT NULL,
  aggregate   text NOT NULL,
  payload     jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_domain_events_recorded ON domain_events (recorded_at);

CREATE TABLE event_deliveries (
  consumer text NOT NULL,
  event_id bigint NOT NULL REFERENCES domain_events (id) ON DELETE CASCADE,
  PRIMARY KEY (consumer, event_id)
);
CREATE INDEX idx_event_deliveries_event ON event_deliveries (event_id);

-- What the search outbox still held becomes events for the search engine's consumer.
WITH e AS (
  INSERT INTO domain_events (type, aggregate, payload)
  SELECT 'QuestionChanged', 'question:' || question_id, jsonb_build_object('_tag', 'QuestionChanged', 'questionId', question_id)
  FROM search_outbox ORDER BY version
  RETURNING id)
INSERT INTO event_deliveries (consumer, event_id) SELECT 'search-engine', id FROM e;

DROP TABLE search_outbox;
DROP SEQUENCE search_outbox_version;

GRANT SELECT, INSERT, UPDATE, DELETE ON domain_events, event_deliveries TO dongne_app;
GRANT USAGE, SELECT ON SEQUENCE domain_events_id_seq TO dongne_app;
