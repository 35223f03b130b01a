-- Up Migration
-- Outgoing webhooks for local partners (admin only): a URL per region and event, HMAC-signed bodies, delivered
-- through the job queue with retries, and a delivery log (see README, *Partner webhooks*).
CREATE TABLE webhooks (
  id          uuid PRIMARY KEY,
  -- A city's webhook hears every question in its dongs (the question's region and its ancestors are matched).
  region_code varchar(20) NOT NULL REFERENCES regions (code),
  event       text NOT NULL CHECK (event IN ('question.accepted', 'question.urgent')),
  url         text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
  -- The HMAC key: shown to the admin once; the service must keep it to sign.
  secret      text NOT NULL,
  -- The admin who registered it; cleared when their account is deleted (the webhook is the partner's).
  created_by  uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL,
  removed_at  timestamptz
);
-- An event's fan-out: live webhooks of the event in a few region codes.
CREATE INDEX idx_webhooks_live ON webhooks (event, region_code) WHERE removed_at IS NULL;
-- One live webhook per region, event and URL: the same again would send every event twice.
CREATE UNIQUE INDEX idx_webhooks_unique_live ON webhooks (region_code, event, url) WHERE removed_at IS NULL;
CREATE INDEX idx_webhooks_created_by ON webhooks (created_by) WHERE created_by IS NOT NULL;

CREATE TABLE webhook_deliveries (
  id               uuid PRIMARY KEY,
  webhook_id       uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
  event            text NOT NULL,
  -- Public facts about the question only (no author, no content, no location).
  payload          jsonb NOT NULL,
  status           text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         smallint NOT NULL DEFAULT 0,
  last_status_code smallint,
  last_error       text,
  next_attempt_at  timestamptz,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz
);
-- The log, newest first per webhook.
CREATE INDEX idx_webhook_deliveries_log ON webhook_deliveries (webhook_id, created_at DESC, id DESC);

GRANT SELECT, INSERT, UPDATE, DELETE ON webhooks, webhook_deliveries TO dongne_app;

-- Down Migration
DROP TABLE IF EXISTS webhook_deliveries, webhooks;
