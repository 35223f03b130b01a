-- Up Migration
-- Sessions get a public id (listed and revoked by it; the token's digest stays the key), the time of
-- their last request (the idle timeout) and the client that signed in.
ALTER TABLE sessions
  ADD COLUMN id uuid NOT NULL DEFAULT gen_random_uuid(),
  ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN user_agent varchar(200);
CREATE UNIQUE INDEX sessions_id ON sessions (id);
CREATE INDEX idx_sessions_last_seen ON sessions (last_seen_at);

-- Rate limits shared by every service process (rate-limiter-flexible's RateLimiterPostgres layout).
-- Keys are digests, never an email or an address in the clear.
CREATE TABLE rate_limits (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
CREATE INDEX idx_rate_limits_expire ON rate_limits (expire);

-- Idempotency keys (Stripe's semantics): per user, kept 24 h; the stored response is replayed for the same
-- request, `in_progress` while the first one runs (a concurrent duplicate waits for it).
CREATE TABLE idempotency_keys (
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  key         varchar(255) NOT NULL,
  fingerprint text NOT NULL,
  state       text NOT NULL DEFAULT 'in_progress',
  response    jsonb,
  created_at  timestamptz NOT NULL,
  locked_at   timestamptz NOT NULL,
  PRIMARY KEY (user_id, key),
  CONSTRAINT idempotency_state CHECK (state IN ('in_progress', 'done')),
  CONSTRAINT idempotency_done_has_response CHECK ((state = 'done') = (response IS NOT NULL))
);
CREATE INDEX idx_idempotency_keys_created ON idempotency_keys (created_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON sessions, rate_limits, idempotency_keys TO dongne_app;

-- Down Migration
DROP TABLE IF EXISTS idempotency_keys;
DROP TABLE IF EXISTS rate_limits;
DROP INDEX IF EXISTS idx_sessions_last_seen;
DROP INDEX IF EXISTS sessions_id;
ALTER TABLE sessions DROP COLUMN IF EXISTS user_agent, DROP COLUMN IF EXISTS last_seen_at, DROP COLUMN IF EXISTS id;
