import { Layer, ManagedRuntime } from "effect";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bulkFillQuestions } from "../../scripts/bench/bulkFill.js";
import { postgresAdapters } from "../../src/adapters/postgres/index.js";
import { PgDatabase } from "../../src/adapters/postgres/PgDatabase.js";
import { makeReadRouting } from "../../src/adapters/postgres/replicas.js";
import { withViewCounter } from "../../src/app/layers/index.js";
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

describe(`query plans at ${QUESTIONS.toLocaleString()} questions (machine PostgreSQL)`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await machineDatabase();
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await bulkFillQuestions(c, QUESTIONS);
    await c.end();
  }, 300_000);
  afterAll(() => db?.drop());

  it("get, list (every sort and filter, first and next pages) and nearby never scan questions sequentially", async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 4 });
    pool.on("error", () => {});
    const seen: { text: string; values: unknown[] }[] = [];
    const query = pool.query.bind(pool) as (config: string | pg.QueryConfig, values?: unknown[]) => Promise<pg.QueryResult>;
    // Statements come as text and values, or as a named prepared statement's config.
    const recorded = Object.assign(Object.create(pool) as pg.Pool, {
      query: (config: string | pg.QueryConfig, values?: unknown[]) => {
        if (typeof config === "string") seen.push({ text: config, values: values ?? [] });
        else seen.push({ text: config.text, values: config.values ?? [] });
        return query(config, values);
      },
    });
    const database = Layer.succeed(PgDatabase, {
      primary: recorded,
      primaryReads: recorded,
      background: recorded,
      jobs: recorded,
      reads: makeReadRouting(recorded, []),
    });
    const persistence = withViewCounter(postgresAdapters.pipe(Layer.provide(database)));
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

      // Nearby reads the GiST index nearest-first: no Sort over the matches (an `, id` tie-breaker forced one).
      const sorts = async (text: string, values: unknown[]) => {
        const plan = await pool.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(`EXPLAIN (FORMAT JSON) ${text}`, values);
        const walk = (n: PlanNode): number =>
          (n["Node Type"].includes("Sort") ? 1 : 0) + (n.Plans ?? []).reduce((sum, c) => sum + walk(c), 0);
        return walk(plan.rows[0]!["QUERY PLAN"][0]!.Plan);
      };
      const nearby = onQuestions.filter((q) => q.text.includes("earth_pos <->"));
      expect(nearby).toHaveLength(2);
      for (const q of nearby) expect(await sorts(q.text, q.values)).toBe(0);
    } finally {
      await rt.dispose();
      await pool.end();
    }
  }, 120_000);
});
