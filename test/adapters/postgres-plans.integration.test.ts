import { Layer, ManagedRuntime } from "effect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresAdapters } from "../../src/adapters/postgres/index.js";
import { PgDatabase } from "../../src/adapters/postgres/PgDatabase.js";
import { getQuestion } from "../../src/application/question/getQuestion.js";
import { listQuestions } from "../../src/application/question/listQuestions.js";
import { nearbyQuestions } from "../../src/application/question/nearbyQuestions.js";
import { QUESTION_SORTS } from "../../src/domain/question/ordering.js";
import { QuestionId } from "../../src/domain/shared/ids.js";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";

const QUESTIONS = 100_000;

interface PlanNode {
  readonly "Node Type": string;
  readonly "Relation Name"?: string;
  readonly Plans?: readonly PlanNode[];
}

/** Fills the database with 100k questions spread over Jeju's regions, categories, statuses and places. */
const fill = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`INSERT INTO users (id, email, password_hash, nickname)
    SELECT gen_random_uuid(), 'bulk' || g || '@example.kr', 'x', '이웃' || g FROM generate_series(1, 500) g`);
  await c.query(`
    WITH u AS (SELECT array_agg(id) AS ids FROM users),
         r AS (SELECT array_agg(code) AS codes FROM regions WHERE region_type = 'district')
    INSERT INTO questions (id, user_id, title, content, hashtags, region_code, category, urgency, status, lat, lng, earth_pos,
                           view_count, like_count, answer_count, popularity_rank, created_at)
    SELECT gen_random_uuid(), u.ids[1 + g % 500], '제주 여행 질문 ' || g || '번 알려주세요',
           '제주 동네 생활과 여행에 대한 질문 내용입니다. 번호 ' || g, ARRAY['제주', '태그' || (g % 50)],
           r.codes[1 + g % cardinality(r.codes)],
           (ARRAY['food','cafe','stay','transport','sightseeing','weather','daily','medical','events','other'])[1 + g % 10],
           (ARRAY['normal','normal','normal','urgent','emergency'])[1 + g % 5]::question_urgency,
           (CASE WHEN g % 97 = 0 THEN 'hidden' WHEN g % 7 = 0 THEN 'closed' ELSE 'open' END)::question_status,
           lat, lng, CASE WHEN lat IS NULL THEN NULL ELSE ll_to_earth(lat, lng) END,
           g % 300, g % 40, g % 6, random() * 1000, now() - (g || ' minutes')::interval
    FROM generate_series(1, ${QUESTIONS}) g, u, r,
         LATERAL (SELECT CASE WHEN g % 2 = 0 THEN 33.25 + (g % 1000) / 1000.0 * 0.3 END AS lat,
                         CASE WHEN g % 2 = 0 THEN 126.2 + (g % 997) / 997.0 * 0.7 END AS lng) p`);
  await c.query("ANALYZE");
  await c.end();
};

describe(`query plans at ${QUESTIONS.toLocaleString()} questions (machine PostgreSQL)`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await machineDatabase();
    await fill(db.url);
  }, 300_000);
  afterAll(() => db?.drop());

  it("get, list (every sort and filter, first and next pages) and nearby never scan questions sequentially", async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    pool.on("error", () => {});
    const seen: { text: string; values: unknown[] }[] = [];
    const query = pool.query.bind(pool) as (text: string, values?: unknown[]) => Promise<pg.QueryResult>;
    const recorded = Object.assign(Object.create(pool) as pg.Pool, {
      query: (text: string, values?: unknown[]) => {
        seen.push({ text, values: values ?? [] });
        return query(text, values);
      },
    });
    const database = Layer.succeed(PgDatabase, { primary: recorded, reads: { pick: () => recorded, reportFailure: () => {} } });
    const persistence = postgresAdapters.pipe(Layer.provide(database));
    const rt = ManagedRuntime.make(persistence);
    try {
      const { rows } = await pool.query<{ id: string }>("SELECT id FROM questions WHERE status = 'open' LIMIT 1");
      seen.length = 0;
      await rt.runPromise(getQuestion(QuestionId(rows[0]!.id), null));
      for (const sort of QUESTION_SORTS) {
        const first = await rt.runPromise(listQuestions({ sort, limit: 20 }));
        await rt.runPromise(listQuestions({ sort, limit: 20, cursor: first.nextCursor ?? undefined }));
      }
      await rt.runPromise(listQuestions({ regionCode: "KR-49-01-02", limit: 20 }));
      await rt.runPromise(listQuestions({ regionCode: "KR-49-01", limit: 20 }));
      await rt.runPromise(listQuestions({ category: "cafe", limit: 20 }));
      await rt.runPromise(listQuestions({ status: "closed", limit: 20 }));
      await rt.runPromise(nearbyQuestions({ lat: 33.4627, lng: 126.3095, radiusKm: 3, limit: 20 }));
      await rt.runPromise(nearbyQuestions({ lat: 33.4627, lng: 126.3095, radiusKm: 20, limit: 20 }));

      const onQuestions = seen.filter((q) => /\bFROM questions\b/i.test(q.text));
      expect(onQuestions.length).toBeGreaterThanOrEqual(19);
      const seqScansOnQuestions = async (text: string, values: unknown[]) => {
        const plan = await pool.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
        const walk = (n: PlanNode): number =>
          (n["Node Type"] === "Seq Scan" && n["Relation Name"] === "questions" ? 1 : 0) +
          (n.Plans ?? []).reduce((sum, c) => sum + walk(c), 0);
        return walk(plan.rows[0]!["QUERY PLAN"][0]!.Plan);
      };
      // The check has teeth: a filter no index serves is caught.
      expect(await seqScansOnQuestions("SELECT id FROM questions WHERE content LIKE $1", ["%없는말%"])).toBe(1);
      const offenders: string[] = [];
      for (const q of onQuestions)
        if ((await seqScansOnQuestions(q.text, q.values)) > 0) offenders.push(q.text.replace(/\s+/g, " ").slice(0, 200));
      expect(offenders).toEqual([]);
    } finally {
      await rt.dispose();
      await pool.end();
    }
  }, 120_000);
});
