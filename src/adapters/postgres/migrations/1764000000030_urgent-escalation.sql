-- Up Migration
-- Urgent and emergency questions notify nearby verified locals in widening rings (see README, *Realtime
-- notifications and jobs*): one row per local told of a question, so each is told at most once per question,
-- and the daily cap counts a local's rows since the Korean midnight.
ALTER TYPE notification_type ADD VALUE IF NOT EXISTS 'urgent_question';
-- The asker's reminder to accept an answer (48 h after asking, answers but none accepted).
ALTER TYPE notification_type ADD VALUE IF NOT EXISTS 'accept_reminder';

CREATE TABLE escalation_notices (
  question_id uuid NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  ring        smallint NOT NULL,
  notified_at timestamptz NOT NULL,
  PRIMARY KEY (question_id, user_id)
);
CREATE INDEX idx_escalation_notices_user ON escalation_notices (user_id, notified_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON escalation_notices TO dongne_app;

-- Down Migration
DROP TABLE IF EXISTS escalation_notices;
