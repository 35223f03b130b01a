-- Up Migration
-- The asker may mark a question's location a public place (shown exactly); any other is coarsened for readers.
ALTER TABLE questions ADD COLUMN location_public boolean NOT NULL DEFAULT false;
ALTER TABLE questions ADD CONSTRAINT location_public_has_location CHECK (NOT location_public OR lat IS NOT NULL);

-- Down Migration
ALTER TABLE questions DROP COLUMN IF EXISTS location_public;
