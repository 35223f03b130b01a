-- Up Migration
-- The system of record, from the seed design (seed-design.ko.md, 데이터 모델링 / PostgreSQL 설계),
-- without PostGIS: boundaries are GeoJSON in jsonb (containment is computed in the domain), points are
-- lat/lng with an earthdistance cube for index-backed radius queries.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

CREATE TYPE region_type AS ENUM ('country', 'province', 'city', 'district', 'neighborhood');
CREATE TYPE question_urgency AS ENUM ('normal', 'urgent', 'emergency');
CREATE TYPE question_status AS ENUM ('open', 'answered', 'closed', 'hidden');
CREATE TYPE point_transaction_type AS ENUM (
  'earn_answer', 'earn_accepted_answer', 'earn_daily_login', 'earn_first_question',
  'earn_milestone', 'spend_highlight', 'spend_premium', 'admin_adjustment'
);
CREATE TYPE notification_type AS ENUM ('new_answer', 'answer_accepted', 'badge_earned');

CREATE TABLE regions (
  code           varchar(20) PRIMARY KEY,
  name           varchar(100) NOT NULL,
  name_en        varchar(100) NOT NULL,
  parent_code    varchar(20) REFERENCES regions (code),
  region_type    region_type NOT NULL,
  boundary       jsonb,
  center_lat     double precision,
  center_lng     double precision,
  attributes     jsonb NOT NULL DEFAULT '{}',
  settings       jsonb NOT NULL DEFAULT '{}',
  is_active      boolean NOT NULL DEFAULT true,
  user_count     integer NOT NULL DEFAULT 0,
  question_count integer NOT NULL DEFAULT 0,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT region_center_pair CHECK ((center_lat IS NULL) = (center_lng IS NULL))
);
CREATE INDEX idx_regions_hierarchy ON regions (parent_code, region_type);

CREATE TABLE users (
  id                     uuid PRIMARY KEY,
  email                  varchar(255) NOT NULL,
  password_hash          varchar(255) NOT NULL,
  nickname               varchar(50) NOT NULL,
  region_code            varchar(20) REFERENCES regions (code),
  verification_level     smallint NOT NULL DEFAULT 0,
  is_local_verified      boolean GENERATED ALWAYS AS (verification_level >= 2) STORED,
  verified_days          text[] NOT NULL DEFAULT '{}',
  point_balance          integer NOT NULL DEFAULT 0,
  total_earned_points    integer NOT NULL DEFAULT 0,
  question_count         integer NOT NULL DEFAULT 0,
  answer_count           integer NOT NULL DEFAULT 0,
  accepted_answer_count  integer NOT NULL DEFAULT 0,
  notification_settings  jsonb NOT NULL DEFAULT '{}',
  privacy_settings       jsonb NOT NULL DEFAULT '{}',
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  last_active_at         timestamptz NOT NULL DEFAULT now(),
  deleted_at             timestamptz,
  CONSTRAINT valid_verification_level CHECK (verification_level BETWEEN 0 AND 3),
  CONSTRAINT positive_point_balance CHECK (point_balance >= 0),
  CONSTRAINT valid_total_earned CHECK (total_earned_points >= 0),
  CONSTRAINT valid_nickname_length CHECK (char_length(nickname) BETWEEN 1 AND 50),
  CONSTRAINT email_is_normalized CHECK (email = lower(email)),
  CONSTRAINT valid_user_counters CHECK (question_count >= 0 AND answer_count >= 0 AND accepted_answer_count >= 0)
);
CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL;
CREATE INDEX idx_users_region_verified ON users (region_code, is_local_verified, last_active_at);

CREATE TABLE questions (
  id                    uuid PRIMARY KEY,
  user_id               uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title                 varchar(200) NOT NULL,
  content               text NOT NULL,
  hashtags              text[] NOT NULL DEFAULT '{}',
  region_code           varchar(20) NOT NULL REFERENCES regions (code),
  category              varchar(50) NOT NULL,
  urgency               question_urgency NOT NULL DEFAULT 'normal',
  status                question_status NOT NULL DEFAULT 'open',
  lat                   double precision,
  lng                   double precision,
  earth_pos             cube,
  location_description  text,
  view_count            integer NOT NULL DEFAULT 0,
  like_count            integer NOT NULL DEFAULT 0,
  answer_count          integer NOT NULL DEFAULT 0,
  -- The domain's time-invariant popularity rank, written by the adapter whenever a counter moves.
  popularity_rank       double precision NOT NULL,
  accepted_answer_id    uuid,
  accepted_at           timestamptz,
  images                text[] NOT NULL DEFAULT '{}',
  metadata              jsonb NOT NULL DEFAULT '{}',
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  deleted_at            timestamptz,
  CONSTRAINT valid_title_length CHECK (char_length(title) BETWEEN 10 AND 200),
  CONSTRAINT valid_content_length CHECK (char_length(content) BETWEEN 20 AND 2000),
  CONSTRAINT valid_hashtag_count CHECK (cardinality(hashtags) <= 5),
  CONSTRAINT valid_image_count CHECK (cardinality(images) <= 5),
  CONSTRAINT valid_category CHECK (category IN ('food', 'cafe', 'stay', 'transport', 'sightseeing', 'weather', 'daily', 'medical', 'events', 'other')),
  CONSTRAINT location_pair CHECK ((lat IS NULL) = (lng IS NULL) AND (lat IS NULL) = (earth_pos IS NULL)),
  CONSTRAINT valid_location CHECK (lat IS NULL OR (lat BETWEEN -90 AND 90 AND lng BETWEEN -180 AND 180)),
  CONSTRAINT valid_question_counters CHECK (view_count >= 0 AND like_count >= 0 AND answer_count >= 0),
  CONSTRAINT answered_has_acceptance CHECK (status <> 'answered' OR accepted_answer_id IS NOT NULL),
  CONSTRAINT acceptance_pair CHECK ((accepted_answer_id IS NULL) = (accepted_at IS NULL))
);

CREATE TABLE answers (
  id             uuid PRIMARY KEY,
  question_id    uuid NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  content        text NOT NULL,
  images         text[] NOT NULL DEFAULT '{}',
  like_count     integer NOT NULL DEFAULT 0,
  is_accepted    boolean NOT NULL DEFAULT false,
  quality_score  double precision NOT NULL DEFAULT 0,
  metadata       jsonb NOT NULL DEFAULT '{}',
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  accepted_at    timestamptz,
  deleted_at     timestamptz,
  CONSTRAINT valid_answer_length CHECK (char_length(content) BETWEEN 10 AND 1000),
  CONSTRAINT valid_quality_score CHECK (quality_score BETWEEN 0.0 AND 1.0),
  CONSTRAINT valid_answer_images CHECK (cardinality(images) <= 5),
  CONSTRAINT valid_answer_likes CHECK (like_count >= 0),
  CONSTRAINT accepted_pair CHECK (is_accepted = (accepted_at IS NOT NULL))
);
ALTER TABLE questions ADD CONSTRAINT questions_accepted_answer_fk FOREIGN KEY (accepted_answer_id) REFERENCES answers (id);

-- At most one accepted answer per question, ever: the database says so too.
CREATE UNIQUE INDEX answers_one_accepted_per_question ON answers (question_id) WHERE is_accepted;
CREATE INDEX idx_answers_question_created ON answers (question_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_answers_user_accepted ON answers (user_id, is_accepted, created_at DESC);

-- Listing: one index per sort over the listed rows, plus the filters' leading columns.
CREATE INDEX idx_questions_newest ON questions (created_at DESC, id) WHERE deleted_at IS NULL AND status <> 'hidden';
CREATE INDEX idx_questions_oldest ON questions (created_at, id) WHERE deleted_at IS NULL AND status <> 'hidden';
CREATE INDEX idx_questions_popular ON questions (popularity_rank DESC, created_at DESC, id) WHERE deleted_at IS NULL AND status <> 'hidden';
CREATE INDEX idx_questions_most_answers ON questions (answer_count DESC, created_at DESC, id) WHERE deleted_at IS NULL AND status <> 'hidden';
CREATE INDEX idx_questions_most_views ON questions (view_count DESC, created_at DESC, id) WHERE deleted_at IS NULL AND status <> 'hidden';
CREATE INDEX idx_questions_urgent ON questions (urgency DESC, created_at DESC, id) WHERE deleted_at IS NULL AND status <> 'hidden';
CREATE INDEX idx_questions_region_created ON questions (region_code, created_at DESC, id) WHERE deleted_at IS NULL AND status <> 'hidden';
CREATE INDEX idx_questions_category_created ON questions (category, created_at DESC, id) WHERE deleted_at IS NULL AND status <> 'hidden';
CREATE INDEX idx_questions_user_created ON questions (user_id, created_at DESC, id);
CREATE INDEX idx_questions_status_created ON questions (status, created_at DESC, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_questions_hashtags ON questions USING gin (hashtags);
CREATE INDEX idx_questions_earth ON questions USING gist (earth_pos) WHERE deleted_at IS NULL AND status <> 'hidden';

CREATE TABLE question_likes (
  question_id uuid NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (question_id, user_id)
);
CREATE TABLE answer_likes (
  answer_id  uuid NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (answer_id, user_id)
);
CREATE INDEX idx_question_likes_user ON question_likes (user_id);
CREATE INDEX idx_answer_likes_user ON answer_likes (user_id);

CREATE TABLE point_transactions (
  id               uuid PRIMARY KEY,
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  amount           integer NOT NULL,
  transaction_type point_transaction_type NOT NULL,
  description      text NOT NULL DEFAULT '',
  reference_type   varchar(50) NOT NULL,
  reference_id     varchar(100) NOT NULL,
  -- user|type|reference_type|reference_id: an award is applied once per reference, whatever the retries.
  reference_key    text NOT NULL UNIQUE,
  balance_before   integer NOT NULL,
  balance_after    integer NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT valid_amount CHECK (amount <> 0),
  CONSTRAINT valid_balance_calculation CHECK (balance_after = balance_before + amount),
  CONSTRAINT non_negative_balance CHECK (balance_before >= 0 AND balance_after >= 0)
);
CREATE INDEX idx_point_transactions_user_created ON point_transactions (user_id, created_at DESC, id DESC);
CREATE INDEX idx_point_transactions_type ON point_transactions (transaction_type, created_at DESC);

CREATE TABLE user_badges (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  badge_type  varchar(50) NOT NULL,
  badge_level integer NOT NULL DEFAULT 1,
  metadata    jsonb NOT NULL DEFAULT '{}',
  earned_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (user_id, badge_type),
  CONSTRAINT valid_badge_level CHECK (badge_level >= 1)
);
CREATE INDEX idx_user_badges_type ON user_badges (badge_type, earned_at DESC);

CREATE TABLE notifications (
  id         uuid PRIMARY KEY,
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  type       notification_type NOT NULL,
  title      text NOT NULL,
  message    text NOT NULL,
  data       jsonb NOT NULL DEFAULT '{}',
  is_read    boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_notifications_user_created ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX idx_notifications_unread ON notifications (user_id) WHERE NOT is_read;

CREATE TABLE hashtags (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name         varchar(50) NOT NULL UNIQUE,
  category     varchar(50),
  usage_count  integer NOT NULL DEFAULT 0,
  last_used_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_hashtags_usage ON hashtags (usage_count DESC);
CREATE TABLE hashtag_uses (
  id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tag     varchar(50) NOT NULL,
  used_at timestamptz NOT NULL
);
CREATE INDEX idx_hashtag_uses_time ON hashtag_uses (used_at);

CREATE TABLE sessions (
  token_digest text PRIMARY KEY,
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_sessions_user ON sessions (user_id);
CREATE INDEX idx_sessions_expiry ON sessions (expires_at);

-- Down Migration
DROP TABLE IF EXISTS sessions, hashtag_uses, hashtags, notifications, user_badges, point_transactions,
  answer_likes, question_likes CASCADE;
ALTER TABLE IF EXISTS questions DROP CONSTRAINT IF EXISTS questions_accepted_answer_fk;
DROP TABLE IF EXISTS answers, questions, users, regions CASCADE;
DROP TYPE IF EXISTS notification_type, point_transaction_type, question_status, question_urgency, region_type;
