-- Up Migration
-- Images: one row per upload. The objects themselves live in the object store (src/domain/media:
-- uploads/<key> until checked, images/<key>/… once re-encoded); this row says whose they are, whether
-- they passed the checks, and which post they belong to.
CREATE TABLE media_uploads (
  key            text PRIMARY KEY CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  owner_id       uuid NOT NULL REFERENCES users (id),
  content_type   text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  size           integer NOT NULL CHECK (size > 0 AND size <= 10485760),
  status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed')),
  width          integer CHECK (width > 0),
  height         integer CHECK (height > 0),
  attached_type  text CHECK (attached_type IN ('question', 'answer')),
  attached_id    uuid,
  created_at     timestamptz NOT NULL,
  confirmed_at   timestamptz,
  CHECK ((attached_type IS NULL) = (attached_id IS NULL)),
  CHECK (attached_id IS NULL OR status = 'confirmed'),
  CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL))
);
-- The daily upload limit and an account's images.
CREATE INDEX media_uploads_owner_created ON media_uploads (owner_id, created_at);
-- The 24-hour expiry of uploads never attached.
CREATE INDEX media_uploads_unattached ON media_uploads (created_at) WHERE attached_id IS NULL;
-- A post's images, when it is deleted.
CREATE INDEX media_uploads_post ON media_uploads (attached_type, attached_id) WHERE attached_id IS NOT NULL;
GRANT SELECT, INSERT, UPDATE, DELETE ON media_uploads TO dongne_app;

-- Down Migration
DROP TABLE media_uploads;
