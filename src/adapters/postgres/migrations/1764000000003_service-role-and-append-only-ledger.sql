-- Up Migration
-- The service's statements run as dongne_app (set per connection, see PgDatabase.ts), which may read and
-- write every table but never change or remove a ledger entry. Migrations run as the owner.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dongne_app') THEN
    CREATE ROLE dongne_app NOLOGIN;
  END IF;
  -- The owner must be able to become the service role (a superuser always can).
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT dongne_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO dongne_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO dongne_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO dongne_app;
-- Tables added by later migrations get the same grants; each migration revokes what its tables must not allow.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO dongne_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO dongne_app;

-- The ledger is append-only: corrections are new entries. The grants keep the service out; the trigger
-- holds even for the owner.
REVOKE UPDATE, DELETE, TRUNCATE ON point_transactions FROM dongne_app;
REVOKE ALL ON pgmigrations FROM dongne_app;

CREATE FUNCTION point_transactions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'point_transactions is append-only: % is not allowed (post a correcting entry instead)', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER point_transactions_no_update_or_delete BEFORE UPDATE OR DELETE ON point_transactions
  FOR EACH ROW EXECUTE FUNCTION point_transactions_append_only();
CREATE TRIGGER point_transactions_no_truncate BEFORE TRUNCATE ON point_transactions
  FOR EACH STATEMENT EXECUTE FUNCTION point_transactions_append_only();

-- Ledger entries outlive nothing by accident: a user with entries cannot be deleted (accounts are soft-deleted).
ALTER TABLE point_transactions DROP CONSTRAINT point_transactions_user_id_fkey,
  ADD CONSTRAINT point_transactions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT;
