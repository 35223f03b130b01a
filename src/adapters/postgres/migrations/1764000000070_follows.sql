-- Up Migration
-- Follows of a region (with its sub-regions) or a hashtag: new questions there produce at most one notice per
-- follow per hour ('follow_questions'), and opted-in users get a morning digest ('follow_digest'). See README,
-- *Realtime notifications and jobs*.
ALTER TYPE notification_type ADD VALUE IF NOT EXISTS 'follow_questions';
ALTER TYPE notification_type ADD VALUE IF NOT EXISTS 'follow_digest';

CREATE TABLE follows (
  id               uuid PRIMARY KEY,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind             text NOT NULL CHECK (kind IN ('region', 'hashtag')),
  target           text NOT NULL CHECK (length(target) BETWEEN 1 AND 100),
  created_at       timestamptz NOT NULL,
  -- Questions created up to here were considered; the next notice counts those after it.
  checked_until    timestamptz NOT NULL,
  last_notified_at timestamptz,
  UNIQUE (user_id, kind, target)
);
-- The batching job's scan: follows that may notify again, in id order.
CREATE INDEX idx_follows_due ON follows (last_notified_at, id);
-- New questions of a region use idx_questions_region_created, of a hashtag idx_questions_hashtags.

-- One morning digest per user per Korean day: a retried digest job sends none twice.
CREATE TABLE follow_digests (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day     date NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, day)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON follows, follow_digests TO dongne_app;

-- Down Migration
DROP TABLE IF EXISTS follow_digests, follows;
