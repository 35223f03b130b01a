-- Up Migration
-- Changes waiting for the search engine, one row per question (repeated changes coalesce).
-- Rows are written in the same transaction as the change; a row leaves only when the engine has
-- the version it names, so an engine outage delays the index but never loses a change.
CREATE SEQUENCE search_outbox_version;
CREATE TABLE search_outbox (
  question_id uuid PRIMARY KEY,
  version     bigint NOT NULL,
  enqueued_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_search_outbox_enqueued ON search_outbox (enqueued_at);

-- Down Migration
DROP TABLE IF EXISTS search_outbox;
DROP SEQUENCE IF EXISTS search_outbox_version;
