import type pg from "pg";

/**
 * Adds `count` synthetic questions (numbered from `from`) straight into the database: spread over
 * Jeju's districts, categories, urgencies and statuses, half of them pinned inside the island,
 * created over the preceding minutes. For benchmarks and plan tests, not for demos.
 */
export const bulkFillQuestions = async (client: pg.Client | pg.Pool, count: number, from = 1) => {
  await client.query(`INSERT INTO users (id, email, password_hash, nickname)
    SELECT gen_random_uuid(), 'bulk' || g || '@example.kr', 'x', '이웃' || g FROM generate_series(1, 500) g
    ON CONFLICT DO NOTHING`);
  await client.query(
    `WITH u AS (SELECT array_agg(id) AS ids FROM (SELECT id FROM users WHERE email LIKE 'bulk%@example.kr' ORDER BY email) s),
          r AS (SELECT array_agg(code) AS codes FROM regions WHERE region_type = 'district')
     INSERT INTO questions (id, user_id, title, content, hashtags, region_code, category, urgency, status, lat, lng, earth_pos,
                            view_count, like_count, answer_count, popularity_rank, created_at)
     SELECT gen_random_uuid(), u.ids[1 + g % cardinality(u.ids)], '제주 여행 질문 ' || g || '번 알려주세요',
            '제주 동네 생활과 여행에 대한 질문 내용입니다. 번호 ' || g, ARRAY['제주', '태그' || (g % 50)],
            r.codes[1 + g % cardinality(r.codes)],
            (ARRAY['food','cafe','stay','transport','sightseeing','weather','daily','medical','events','other'])[1 + g % 10],
            (ARRAY['normal','normal','normal','urgent','emergency'])[1 + g % 5]::question_urgency,
            (CASE WHEN g % 97 = 0 THEN 'hidden' WHEN g % 7 = 0 THEN 'closed' ELSE 'open' END)::question_status,
            lat, lng, CASE WHEN lat IS NULL THEN NULL ELSE ll_to_earth(lat, lng) END,
            g % 300, g % 40, 0, random() * 1000, now() - (g || ' seconds')::interval
     FROM generate_series($1::int, $2::int) g, u, r,
          LATERAL (SELECT CASE WHEN g % 2 = 0 THEN 33.25 + (g % 1000) / 1000.0 * 0.3 END AS lat,
                          CASE WHEN g % 2 = 0 THEN 126.2 + (g % 997) / 997.0 * 0.7 END AS lng) p`,
    [from, from + count - 1],
  );
  // Vacuumed as well as analysed: otherwise autovacuum takes the freshly loaded table during the next scenarios.
  await client.query("VACUUM (ANALYZE)");
};

/** Open questions by `askerId`, each with one answer by one of `answererIds` in turn: material for accept requests. Returns the answer ids. */
export const bulkAcceptable = async (client: pg.Client | pg.Pool, askerId: string, answererIds: readonly string[], count: number) => {
  const { rows } = await client.query<{ answer_id: string }>(
    `WITH q AS (
       INSERT INTO questions (id, user_id, title, content, region_code, category, popularity_rank, answer_count)
       SELECT gen_random_uuid(), $1, '채택 벤치마크 질문 ' || g || '번입니다', '채택 벤치마크를 위한 질문 내용입니다. 번호 ' || g, 'KR-49-01-02', 'other', 0, 1
       FROM generate_series(1, $3::int) g RETURNING id),
     numbered AS (SELECT id, row_number() OVER () AS n FROM q)
     INSERT INTO answers (id, question_id, user_id, content)
     SELECT gen_random_uuid(), numbered.id, ($2::uuid[])[1 + numbered.n % cardinality($2::uuid[])], '벤치마크 답변 내용입니다.' FROM numbered RETURNING id AS answer_id`,
    [askerId, answererIds, count],
  );
  return rows.map((r) => r.answer_id);
};
