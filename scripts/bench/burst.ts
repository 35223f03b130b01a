/**
 * `npm run bench:burst`: one user's concurrent writes, and what they do to everyone else. Against the
 * built service on the embedded PostgreSQL, one user fires 20 concurrent `question.ask` (separate
 * HTTP requests), then 20 concurrent `answer.create` on one question, then one HTTP batch of
 * `question.ask`, while a bystander keeps calling `question.list`. Prints per burst the outcomes
 * (2xx / 4xx / 5xx), the burst's p50/p99, and the bystander's p99 during the burst beside its idle
 * p99. Each burst runs in rounds (up to 5, while 45 s last), so a short burst still gives a p99.
 * Bounded: every request times out, every loop has a deadline. Numbers, not verdicts.
 *
 * Knobs: BENCH_BURST (requests per burst, 20), BENCH_BURST_BATCH (items in the batch, 20; a service
 * that caps batches refuses it with a typed 4xx, reported as such), BENCH_BURST_ROUNDS (5),
 * BENCH_BURST_QUESTIONS (10,000 bulk-loaded), BENCH_POOL_SIZE (the service's default when unset),
 * BENCH_BURST_ANONYMOUS=1 (the bystander signed out).
 */
import { bulkFillQuestions } from "./bulkFill.js";
import {
  type BenchService,
  type BenchUser,
  buildService,
  machine,
  percentile,
  registerUsers,
  startBenchDatabase,
  startService,
  table,
  trpcQuery,
} from "./harness.js";
import { formatQueues, poolQueue, settle } from "./waits.js";

const BURST = Number(process.env.BENCH_BURST ?? 20);
/** The service may cap batches (a typed 4xx for the whole batch): the batch's size is a knob of its own. */
const BATCH = Number(process.env.BENCH_BURST_BATCH ?? 20);
const QUESTIONS = Number(process.env.BENCH_BURST_QUESTIONS ?? 10_000);
const POOL_SIZE = process.env.BENCH_POOL_SIZE;
const IDLE_MS = 3_000;
const REQUEST_TIMEOUT_MS = 60_000;
const BURST_DEADLINE_MS = 120_000;
/** Rounds pool enough samples for a p99 when a burst is short; a slow burst gets one. */
const ROUNDS = Number(process.env.BENCH_BURST_ROUNDS ?? 5);
const ROUNDS_BUDGET_MS = 45_000;
/** A signed-out bystander skips the session lookup: tells a shared pool from a busy process. */
const ANONYMOUS = process.env.BENCH_BURST_ANONYMOUS === "1";

interface Outcome {
  /** HTTP status of the request, or of the item inside a batch; 0 when no response came. */
  readonly status: number;
  /** The typed error's `data.code`, or why no response came. */
  readonly code?: string;
  readonly ms: number;
}

type ErrorBody = { error?: { data?: { code?: string; httpStatus?: number } } };

const call = async (url: string, init: RequestInit): Promise<Outcome> => {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = (await res.json().catch(() => ({}))) as ErrorBody;
    return { status: res.status, code: body.error?.data?.code, ms: performance.now() - started };
  } catch (e) {
    return { status: 0, code: (e as Error).name, ms: performance.now() - started };
  }
};

/** One batch request: an outcome per item, or one outcome for a batch refused as a whole. */
const callBatch = async (url: string, init: RequestInit): Promise<Outcome[]> => {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    const body = (await res.json().catch(() => ({}))) as ErrorBody | ErrorBody[];
    const ms = performance.now() - started;
    if (!Array.isArray(body)) return [{ status: res.status, code: body.error?.data?.code ?? "whole batch", ms }];
    return body.map((item) => ({ status: item.error ? (item.error.data?.httpStatus ?? 500) : 200, code: item.error?.data?.code, ms }));
  } catch (e) {
    return [{ status: 0, code: (e as Error).name, ms: performance.now() - started }];
  }
};

const json = (token: string, body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  body: JSON.stringify(body),
});

const askInput = (n: number) => ({
  title: `한꺼번에 올리는 애월 카페 질문 ${n}번`,
  content: "동시에 여러 번 올리는 질문입니다. 애월 바다 보이는 카페를 찾고 있어요.",
  regionCode: "KR-49-01-02",
  hashtags: ["벤치"],
});

/** The bystander: `question.list` one after another until `done` or the deadline. */
const bystander = async (app: BenchService, user: BenchUser, done: () => boolean, deadline: number) => {
  const outcomes: Outcome[] = [];
  const init = ANONYMOUS ? {} : { headers: { authorization: `Bearer ${user.token}` } };
  let n = 0;
  while (!done() && Date.now() < deadline) {
    const input = { limit: 20, sort: n++ % 2 ? "newest" : "popular" };
    outcomes.push(await call(`${app.url}${trpcQuery("question.list", input)}`, init));
  }
  return outcomes;
};

interface BurstResult {
  readonly name: string;
  readonly rounds: number;
  readonly outcomes: readonly Outcome[];
  readonly wallMs: number;
  readonly list: readonly Outcome[];
  readonly poolQueueMax: ReadonlyMap<string, number>;
  readonly errorLogs: readonly string[];
}

/**
 * Rounds of one burst, each prepared outside its window and fired once the service is quiet, while
 * the bystander watches; a further round only while the rounds so far leave time for one more.
 */
const runBurst = async (
  app: BenchService,
  watcher: BenchUser,
  name: string,
  prepare: (round: number) => Promise<() => Promise<Outcome[]>>,
): Promise<BurstResult> => {
  const outcomes: Outcome[] = [];
  const list: Outcome[] = [];
  const errorLogs: string[] = [];
  let wallMs = 0;
  const poolQueueMax = new Map<string, number>();
  let rounds = 0;
  const budgetEnds = Date.now() + ROUNDS_BUDGET_MS;
  while (rounds < ROUNDS && (rounds === 0 || Date.now() + wallMs < budgetEnds)) {
    const fire = await prepare(rounds++);
    await settle(app.samples);
    let settled = false;
    const from = Date.now();
    const watching = bystander(app, watcher, () => settled, from + BURST_DEADLINE_MS);
    const started = performance.now();
    outcomes.push(
      ...(await fire().finally(() => {
        settled = true;
      })),
    );
    wallMs = Math.max(wallMs, performance.now() - started);
    list.push(...(await watching));
    const to = Date.now();
    // Let the probe's next sample and the last error logs arrive.
    await new Promise((done) => setTimeout(done, 300));
    for (const [pool, n] of poolQueue(app.samples, from, to + 100).maxWaitingByPool)
      poolQueueMax.set(pool, Math.max(poolQueueMax.get(pool) ?? 0, n));
    errorLogs.push(...app.errors.filter((e) => e.t >= from && e.t <= to + 300).map((e) => e.message));
  }
  return { name, rounds, outcomes, wallMs, list, poolQueueMax, errorLogs };
};

const tally = (values: readonly (string | undefined)[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v ?? "?", (counts.get(v ?? "?") ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ×${n}`)
    .join(", ");
};

const ms = (x: number) => x.toFixed(0);
const isClass = (o: Outcome, c: number) => Math.floor(o.status / 100) === c;

const main = async () => {
  buildService();
  const db = await startBenchDatabase("dongne-bench-burst");
  try {
    await bulkFillQuestions(db.client, QUESTIONS);
    const app = await startService(db.url, `${db.dir}/service`, POOL_SIZE ? { DATABASE_POOL_SIZE: POOL_SIZE } : {});
    try {
      const [watcher, burster, asker] = (await registerUsers(app.url, "burst", 3)) as [BenchUser, BenchUser, BenchUser];

      // The bystander alone, after a warm-up.
      await bystander(app, watcher, () => false, Date.now() + 500);
      const idle = await bystander(app, watcher, () => false, Date.now() + IDLE_MS);
      const idleP99 = percentile(
        idle.map((o) => o.ms),
        99,
      );

      const askTarget = async () => {
        const asked = await call(`${app.url}/trpc/question.ask`, json(asker.token, askInput(0)));
        const target = (
          await db.client.query<{ id: string }>("SELECT id FROM questions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1", [asker.id])
        ).rows[0]?.id;
        if (asked.status !== 200 || !target) throw new Error(`the question to answer could not be asked (${asked.status} ${asked.code})`);
        return target;
      };

      let n = 1;
      const bursts = [
        await runBurst(
          app,
          watcher,
          `${BURST} × question.ask, separate requests`,
          async () => () =>
            Promise.all(Array.from({ length: BURST }, () => call(`${app.url}/trpc/question.ask`, json(burster.token, askInput(n++))))),
        ),
        await runBurst(app, watcher, `${BURST} × answer.create on one question`, async () => {
          const target = await askTarget();
          return () =>
            Promise.all(
              Array.from({ length: BURST }, (_, i) =>
                call(
                  `${app.url}/trpc/answer.create`,
                  json(burster.token, {
                    questionId: target,
                    content: `동시에 올리는 답변 ${i}번이에요. 애월 해안도로 쪽 카페를 추천해요.`,
                  }),
                ),
              ),
            );
        }),
        await runBurst(app, watcher, `one batch of ${BATCH} × question.ask`, async () => () => {
          const inputs = Object.fromEntries(Array.from({ length: BATCH }, (_, i) => [String(i), askInput(n++)]));
          const paths = Array.from({ length: BATCH }, () => "question.ask").join(",");
          return callBatch(`${app.url}/trpc/${paths}?batch=1`, json(burster.token, inputs));
        }),
      ];

      const header = [
        "burst",
        "rounds",
        "2xx",
        "4xx",
        "5xx",
        "no reply",
        "p50 ms",
        "p99 ms",
        "slowest round ms",
        "bystander list p99 ms (n)",
        "idle p99 ms",
        "ratio",
        "bystander max ms",
        "pool queue max",
      ];
      const rows = bursts.map((b) => {
        const listP99 = percentile(
          b.list.map((o) => o.ms),
          99,
        );
        const times = b.outcomes.map((o) => o.ms);
        return [
          b.name,
          String(b.rounds),
          String(b.outcomes.filter((o) => isClass(o, 2)).length),
          String(b.outcomes.filter((o) => isClass(o, 4)).length),
          String(b.outcomes.filter((o) => isClass(o, 5)).length),
          String(b.outcomes.filter((o) => o.status === 0).length),
          ms(percentile(times, 50)),
          ms(percentile(times, 99)),
          ms(b.wallMs),
          `${ms(listP99)} (${b.list.length})`,
          ms(idleP99),
          `${(listP99 / Math.max(1, idleP99)).toFixed(1)}×`,
          ms(Math.max(0, ...b.list.map((o) => o.ms))),
          formatQueues(b.poolQueueMax),
        ];
      });
      console.log(
        `\n${QUESTIONS.toLocaleString()} questions, service pool ${POOL_SIZE ?? "at its default"}, request timeout ${REQUEST_TIMEOUT_MS / 1000} s; ${machine()}`,
      );
      console.log(
        `bystander${ANONYMOUS ? " (signed out)" : ""} question.list alone: p50 ${ms(
          percentile(
            idle.map((o) => o.ms),
            50,
          ),
        )} ms, p99 ${ms(idleP99)} ms over ${idle.length} requests`,
      );
      console.log(table(header, rows));
      for (const b of bursts) {
        const failed = b.outcomes.filter((o) => !isClass(o, 2));
        const listFailed = b.list.filter((o) => !isClass(o, 2));
        const lines = [
          failed.length ? `  not 2xx: ${tally(failed.map((o) => `${o.status || "no reply"} ${o.code ?? ""}`.trim()))}` : "",
          listFailed.length
            ? `  bystander not 2xx: ${tally(listFailed.map((o) => `${o.status || "no reply"} ${o.code ?? ""}`.trim()))}`
            : "",
          b.errorLogs.length ? `  service error logs: ${tally(b.errorLogs)}` : "",
        ].filter(Boolean);
        if (lines.length) console.log(`${b.name}:\n${lines.join("\n")}`);
      }
    } finally {
      await app.stop();
    }
  } finally {
    await db.stop();
  }
};

await main();
