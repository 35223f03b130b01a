-- Up Migration
-- Roles: who may moderate. Issue 15 relies on exactly this column.
ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'user',
  ADD CONSTRAINT users_role_valid CHECK (role IN ('user', 'moderator', 'admin'));

-- An answer hidden pending review (a question uses its status 'hidden').
ALTER TABLE answers ADD COLUMN hidden_at timestamptz;

-- The author is told when a post of theirs is hidden pending review.
ALTER TYPE notification_type ADD VALUE IF NOT EXISTS 'post_hidden';

-- Every version of a post's text, appended on each edit (revision 1 is the text as first posted).
CREATE TABLE post_revisions (
  target_type  text NOT NULL CHECK (target_type IN ('question', 'answer')),
  target_id    uuid NOT NULL,
  revision     integer NOT NULL CHECK (revision >= 1),
  editor_id    uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  title        text,
  content      text NOT NULL,
  hashtags     text[] NOT NULL DEFAULT '{}',
  region_code  varchar(20),
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (target_type, target_id, revision)
);

-- One flag per user and post.
CREATE TABLE moderation_flags (
  target_type  text NOT NULL CHECK (target_type IN ('question', 'answer')),
  target_id    uuid NOT NULL,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  reason       text NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (target_type, target_id, user_id)
);

-- A post waiting for a moderator (enough flags, or the profanity check), and how it was resolved.
CREATE TABLE moderation_reviews (
  target_type      text NOT NULL CHECK (target_type IN ('question', 'answer')),
  target_id        uuid NOT NULL,
  author_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  cause            text NOT NULL CHECK (cause IN ('flags', 'profanity')),
  hidden           boolean NOT NULL,
  previous_status  text,
  state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'resolved')),
  resolution       text CHECK (resolution IN ('restore', 'hide', 'delete')),
  resolved_by      uuid REFERENCES users (id),
  opened_at        timestamptz NOT NULL,
  resolved_at      timestamptz,
  PRIMARY KEY (target_type, target_id),
  CHECK ((state = 'resolved') = (resolution IS NOT NULL AND resolved_at IS NOT NULL))
);
CREATE INDEX moderation_reviews_pending ON moderation_reviews (opened_at, target_id) WHERE state = 'pending';

-- Every moderation and administration action, append-only like the ledger.
CREATE TABLE moderation_audit (
  id           bigserial PRIMARY KEY,
  actor_id     uuid REFERENCES users (id) ON DELETE RESTRICT,
  action       text NOT NULL,
  target_type  text NOT NULL,
  target_id    text NOT NULL,
  detail       jsonb NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL
);
CREATE INDEX moderation_audit_target ON moderation_audit (target_type, target_id, id);

GRANT SELECT, INSERT, UPDATE, DELETE ON moderation_flags, moderation_reviews TO dongne_app;
GRANT SELECT, INSERT ON post_revisions, moderation_audit TO dongne_app;
REVOKE UPDATE, DELETE, TRUNCATE ON post_revisions, moderation_audit FROM dongne_app;
GRANT USAGE, SELECT ON SEQUENCE moderation_audit_id_seq TO dongne_app;

CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER post_revisions_append_only BEFORE UPDATE OR DELETE ON post_revisions
  FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER post_revisions_no_truncate BEFORE TRUNCATE ON post_revisions
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();
CREATE TRIGGER moderation_audit_append_only BEFORE UPDATE OR DELETE ON moderation_audit
  FOR EACH ROW EXECUTE FUNCTION append_only();
CREATE TRIGGER moderation_audit_no_truncate BEFORE TRUNCATE ON moderation_audit
  FOR EACH STATEMENT EXECUTE FUNCTION append_only();

-- Down Migration
DROP TABLE IF EXISTS moderation_audit, moderation_reviews, moderation_flags, post_revisions;
DROP FUNCTION IF EXISTS append_only();
ALTER TABLE answers DROP COLUMN IF EXISTS hidden_at;
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_valid, DROP COLUMN IF EXISTS role;
