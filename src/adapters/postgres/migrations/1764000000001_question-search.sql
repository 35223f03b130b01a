-- Up Migration
-- Korean search on PostgreSQL alone (see korean-search-notes.md): grams, jamo and 초성 computed in
-- TypeScript on write. Syllable bigrams in a GIN array index serve two-syllable words (맛집, 카페)
-- that a trigram index cannot; jamo and 초성 get trigram indexes for typo tolerance and 초성 search.
CREATE TABLE question_search (
  question_id     uuid PRIMARY KEY REFERENCES questions (id) ON DELETE CASCADE,
  title_grams     text[] NOT NULL,
  body_grams      text[] NOT NULL,
  tag_grams       text[] NOT NULL,
  name_grams      text[] NOT NULL,
  all_grams       text[] NOT NULL,
  title_jamo      text NOT NULL,
  title_choseong  text NOT NULL
);
CREATE INDEX idx_question_search_grams ON question_search USING gin (all_grams);
CREATE INDEX idx_question_search_jamo ON question_search USING gin (title_jamo gin_trgm_ops);
CREATE INDEX idx_question_search_choseong ON question_search USING gin (title_choseong gin_trgm_ops);
CREATE INDEX idx_questions_title_prefix ON questions (title text_pattern_ops) WHERE deleted_at IS NULL AND status <> 'hidden';
CREATE INDEX idx_questions_recent_category ON questions (created_at, category) WHERE deleted_at IS NULL AND status <> 'hidden';

-- Down Migration
DROP INDEX IF EXISTS idx_questions_recent_category;
DROP INDEX IF EXISTS idx_questions_title_prefix;
DROP TABLE IF EXISTS question_search;
