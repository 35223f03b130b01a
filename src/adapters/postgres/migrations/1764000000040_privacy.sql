-- Up Migration
-- Privacy (개인정보 보호법, 위치정보법): birth year, consents, location-use records, the audit of
-- administrators' reads of personal data and the record of account deletions. See docs/privacy.md.

-- A birth year (optional at registration): under 14, location features wait for a guardian's consent.
ALTER TABLE users ADD COLUMN birth_year smallint CHECK (birth_year BETWEEN 1900 AND 2100);

-- Consents, one row per decision (versioned, timestamped); the newest row of a kind is the current state.
CREATE TABLE user_consents (
  id          bigserial PRIMARY KEY,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind        text NOT NULL CHECK (kind IN ('terms', 'privacy', 'location', 'marketing', 'guardian')),
  version     varchar(20) NOT NULL,
  granted     boolean NOT NULL,
  recorded_at timestamptz NOT NULL
);
CREATE INDEX idx_user_consents_user ON user_consents (user_id, kind, id DESC);

-- 위치정보 이용·제공사실 확인자료: one row per use of a person's location, written by the service, never
-- changed; deleted only after 6 months (the purge) or when the person withdraws location consent or leaves.
CREATE TABLE location_use_records (
  id         bigserial PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose    text NOT NULL CHECK (purpose IN ('verification', 'question_location', 'nearby_search')),
  recipient  text,
  reference  text,
  used_at    timestamptz NOT NULL
);
CREATE INDEX idx_location_use_user ON location_use_records (user_id, used_at DESC, id DESC);
CREATE INDEX idx_location_use_time ON location_use_records (used_at);

-- Administrators' reads of personal data (for a breach inquiry: whose data was seen, by whom, when).
CREATE TABLE personal_data_reads (
  id              bigserial PRIMARY KEY,
  admin_id        uuid NOT NULL,
  subject_user_id uuid NOT NULL,
  what            text NOT NULL,
  read_at         timestamptz NOT NULL
);
CREATE INDEX idx_personal_data_reads_time ON personal_data_reads (read_at);

-- That an account was deleted and what was kept, with no personal data (no id, email or nickname).
CREATE TABLE account_deletions (
  id                bigserial PRIMARY KEY,
  deleted_at        timestamptz NOT NULL,
  questions_kept    integer NOT NULL,
  answers_kept      integer NOT NULL,
  ledger_rows_kept  integer NOT NULL,
  images_removed    integer NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON user_consents TO dongne_app;
GRANT SELECT, INSERT, DELETE ON location_use_records TO dongne_app;
GRANT SELECT, INSERT ON personal_data_reads, account_deletions TO dongne_app;
GRANT USAGE, SELECT ON SEQUENCE user_consents_id_seq, location_use_records_id_seq, personal_data_reads_id_seq,
  account_deletions_id_seq TO dongne_app;
-- Append-only for the service: the records are never rewritten; the audit logs are never removed by it.
REVOKE UPDATE, TRUNCATE ON location_use_records FROM dongne_app;
REVOKE UPDATE, DELETE, TRUNCATE ON personal_data_reads, account_deletions FROM dongne_app;

CREATE FUNCTION privacy_records_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER location_use_records_no_update BEFORE UPDATE ON location_use_records
  FOR EACH ROW EXECUTE FUNCTION privacy_records_no_update();
CREATE TRIGGER personal_data_reads_no_update BEFORE UPDATE OR DELETE ON personal_data_reads
  FOR EACH ROW EXECUTE FUNCTION privacy_records_no_update();
CREATE TRIGGER account_deletions_no_update BEFORE UPDATE OR DELETE ON account_deletions
  FOR EACH ROW EXECUTE FUNCTION privacy_records_no_update();

-- Down Migration
DROP TABLE IF EXISTS account_deletions, personal_data_reads, location_use_records, user_consents;
DROP FUNCTION IF EXISTS privacy_records_no_update();
ALTER TABLE users DROP COLUMN IF EXISTS birth_year;
