-- Up Migration
-- Marks the backup drill (npm run backup:verify) writes just before its recovery target and expects to
-- find in the restored copy: proof that WAL replay reached the target, not only that a base backup loads.
CREATE TABLE ops_drill_marks (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX idx_ops_drill_marks_at ON ops_drill_marks (at);

-- Down Migration
DROP TABLE IF EXISTS ops_drill_marks;
