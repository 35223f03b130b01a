/**
 * `npm run bench`: throughput and latency of ask, get, list (anonymous and with a bearer token: get-auth,
 * list-auth), nearby and accept over HTTP against the
 * built service on the embedded PostgreSQL, at 10k and 100k questions, next to a bare node:http
 * hello-world and, right before each write scenario, pgbench's TPC-B-like workload on the same
 * server. Also counts the statements an ask and an accept send (20 of each). Prints tables;
 * numbers, not verdicts.
 *
 * After each scenario the run waits until the service has finished what the load generator
 * abandoned at the end of the window (the settle column), so the next scenario starts clean;
 * BENCH_SETTLE=0 skips that. BENCH_SCENARIOS=ask,accept picks scenarios, BENCH_SIZES, BENCH_SECONDS,
 * BENCH_CONNECTIONS, BENCH_POOL_SIZE and BENCH_PGBENCH_SCALE change the load. BENCH_PROBE=1 adds,
 * per scenario, what the database sessions waited on (pg_stat_activity, pg_locks); BENCH_SQL=1
 * prints the statements of the first and the last counted ask and accept. REDIS_URL (or
 * REDIS_CLUSTER_NODES) in the environment reaches the service: the same run with Redis.
 * Requests carry a browser's Accept-Encoding (BENCH_ACCEPT_ENCODING, "" for none).
 * BENCH_CPU_PROF=<dir> writes the service's CPU profile of each scenario's window there, for
 * scripts/bench/profile.ts (self time by function and by package).
 */
import { renameSync } from "node:fs";
import autocannon from "autocannon";
import { bulkAcceptable, bulkFillQuestions } from "./bulkFill.js";
import { cpuMeter } from "./cpu.js";
import {
  type BenchService,
  buildService,
  machine,
  registerUsers,
  startBenchDatabase,
  startBenchRedis,
  startHelloWorld,
  startPeer,
  startService,
  table,
  trpcQuery,
} from "./harness.js";
import { preparePgbench } from "./pgbench.js";
import { formatWaits, poolQueue, sampleWaits, settle } from "./waits.js";

/** `--only hot,auth` (scenarios or groups), `--sizes 10000`, `--redis on|off|both`, `--seconds 5`: over the BENCH_* variables. */
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const DURATION_S = Number(arg("seconds") ?? process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const SIZES = (arg("sizes") ?? process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const REDIS_MODES = ((m) => (m === "on" ? [true] : m === "off" ? [false] : [true, false]))(
  arg("redis") ?? process.env.BENCH_REDIS ?? "both",
);
/** Scenario groups for --only. */
const GROUPS: Readonly<Record<string, readonly string[]>> = {
  hot: ["hot-get", "hot-list"],
  auth: ["get-auth", "list-auth", "peer-get-auth", "peer-list-auth"],
  cold: ["cold-get"],
  nearby: ["nearby"],
  writes: ["ask", "accept"],
};
const PGBENCH_SCALE = Number(process.env.BENCH_PGBENCH_SCALE ?? 10);
const PGBENCH_THREADS = 2;
const POOL_SIZE = process.env.BENCH_POOL_SIZE ?? "16";
const PROBE = process.env.BENCH_PROBE === "1";
const SHOW_SQL = process.env.BENCH_SQL === "1";
const PROFILE_DIR = process.env.BENCH_CPU_PROF;
/** What every request accepts, as a browser sends it (the hot path answers gzip from kept copies); "" for none. */
const ACCEPT_ENCODING = process.env.BENCH_ACCEPT_ENCODING ?? "gzip, deflate, br";
// Accepts rotate over 16 answerers: from the 17th on, an answerer's second acceptance (no new badge).
const STATEMENT_SAMPLES = 20;
const WRITES = ["ask", "accept"];
const ONLY = (arg("only") ?? process.env.BENCH_SCENARIOS)?.split(",").flatMap((n) => GROUPS[n] ?? [n]);
/** Off reproduces scenarios running into the previous one's leftovers. */
const SETTLE = process.env.BENCH_SETTLE !== "0";

type Req = { method: "GET" | "POST"; path: string; body?: string; headers?: Record<string, string>; url?: string };

const measure = async (url: string, next: () => Req) => {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION_S,
    requests: [
      {
        setupRequest: (req) => {
          const r = next();
          return {
            ...req,
            method: r.method,
            path: r.path,
            body: r.body,
            headers: {
              ...req.headers,
              "content-type": "application/json",
              ...(ACCEPT_ENCODING ? { "accept-encoding": ACCEPT_ENCODING } : {}),
              ...r.headers,
            },
          };
        },
      },
    ],
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: result.non2xx + result.errors,
  };
};

/** CPU milliseconds per request from a share of one core (percent) and a rate. */
const perRequest = (percent: number, perSecond: number) => (perSecond > 0 ? ((percent / 100 / perSecond) * 1000).toFixed(1) : "");

const random = (n: number) => Math.floor(Math.random() * n);
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The service's statement counter once a probe sample taken after now has arrived. */
const statementsNow = async (app: BenchService) => {
  const after = Date.now();
  for (let i = 0; i < 100; i++) {
    const last = app.samples.at(-1);
    if (last && last.t > after) return last.statements;
    await sleep(20);
  }
  throw new Error("the service's probe stopped reporting");
};

/**
 * Statements each of `n` sequential requests sent (BEGIN, COMMIT and the session lookup included),
 * and with BENCH_SQL=1 the texts of the first and the last request's statements.
 */
const countStatements = async (app: BenchService, n: number, send: () => Promise<Response>) => {
  const counts: number[] = [];
  const listings: string[][] = [];
  let before = await statementsNow(app);
  for (let i = 0; i < n; i++) {
    const trace = SHOW_SQL && (i === 0 || i === n - 1);
    const traced = app.sql.length;
    if (trace) await app.toggleSqlTrace();
    const res = await send();
    if (!res.ok) throw new Error(`request for the statement count failed with ${res.status}: ${await res.text()}`);
    const after = await statementsNow(app);
    counts.push(after - before);
    before = after;
    if (trace) {
      await app.toggleSqlTrace();
      listings.push(app.sql.slice(traced).map((s) => s.text));
    }
  }
  return { counts, listings };
};

/** "8 ×19, 10 ×1": a user's first ask and an answerer's first acceptance also award a badge. */
const describeCounts = (counts: readonly number[]) => {
  const tally = new Map<number, number>();
  for (const c of counts) tally.set(c, (tally.get(c) ?? 0) + 1);
  return [...tally.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([c, k]) => `${c} ×${k}`)
    .join(", ");
};

const askBody = (n: number) =>
  JSON.stringify({
    title: `벤치마크 애월 카페 질문 ${n}번`,
    content: "벤치마크로 올리는 질문입니다. 애월 바다 보이는 카페를 찾고 있어요.",
    regionCode: "KR-49-01-02",
    hashtags: ["벤치"],
  });

const main = async () => {
  buildService();
  const db = await startBenchDatabase("dongne-bench");
  const rows: string[][] = [];
  const notes: string[] = [];
  const baseline = await startHelloWorld();
  let yardstick = "";
  try {
    const pgbench = await preparePgbench(db, PGBENCH_SCALE);
    yardstick = pgbench.describe(CONNECTIONS, PGBENCH_THREADS, DURATION_S);
    let filled = 0;
    for (const size of SIZES) {
      await bulkFillQuestions(db.client, size - filled, filled + 1);
      filled = size;
      for (const withRedis of REDIS_MODES) {
        const redis = withRedis ? await startBenchRedis() : undefined;
        const app = await startService(db.url, `${db.dir}/service`, {
          DATABASE_POOL_SIZE: POOL_SIZE,
          ...(redis ? { REDIS_URL: redis.url } : {}),
        });
        // The peer runs once per size (it has no Redis to switch).
        const peer = withRedis === REDIS_MODES[0] ? await startPeer(db.url, POOL_SIZE) : undefined;
        try {
          const users = await registerUsers(app.url, `bench${size}${withRedis ? "r" : "n"}`, 17);
          const tokens = users.map((u) => u.token);
          const ids = (
            await db.client.query<{ id: string }>("SELECT id FROM questions WHERE status = 'open' ORDER BY random() LIMIT 500")
          ).rows.map((r) => r.id);
          // Hot: ten questions and two list pages every reader asks for (warmed before measuring). Cold: each request a
          // question no one read in this run (a cache miss every time).
          const hotIds = ids.slice(0, 10);
          const hotLists = [
            { limit: 20, sort: "newest" },
            { limit: 20, sort: "popular" },
          ];
          for (const id of hotIds) await fetch(`${app.url}${trpcQuery("question.get", { id })}`);
          for (const input of hotLists) await fetch(`${app.url}${trpcQuery("question.list", input)}`);
          const coldIds = (
            await db.client.query<{ id: string }>(
              "SELECT id FROM questions WHERE status = 'open' AND NOT (id = ANY($1::uuid[])) ORDER BY random() LIMIT 200000",
              [ids],
            )
          ).rows.map((r) => r.id);
          let cold = 0;
          if (coldIds.length === 0) throw new Error("no question left for cold-get: load more questions (--sizes)");
          const acceptable = await bulkAcceptable(
            db.client,
            users[16]?.id as string,
            users.slice(0, 16).map((u) => u.id),
            20_000,
          );
          const auth = (i: number) => ({ authorization: `Bearer ${tokens[i % 16]}` });
          const acceptor = { authorization: `Bearer ${tokens[16]}` };
          let n = 0;

          const post = (path: string, headers: Record<string, string>, body: string) =>
            fetch(`${app.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
          const asks = await countStatements(app, STATEMENT_SAMPLES, () => post("/trpc/question.ask", auth(0), askBody(n++)));
          const accepts = await countStatements(app, STATEMENT_SAMPLES, () =>
            post("/trpc/answer.accept", acceptor, JSON.stringify({ answerId: acceptable.pop() })),
          );
          // A question nobody read yet, anonymously: its page loaded, its view counted (the write-back comes later, batched).
          const colds = await countStatements(app, STATEMENT_SAMPLES, () =>
            fetch(`${app.url}${trpcQuery("question.get", { id: coldIds[cold++ % coldIds.length] })}`),
          );
          notes.push(
            `${size.toLocaleString()} questions: statements per request (client round trips, BEGIN/COMMIT and the session lookup included):`,
            `  ask ${describeCounts(asks.counts)}; accept ${describeCounts(accepts.counts)}; cold get ${describeCounts(colds.counts)}`,
          );
          for (const [name, listing] of [
            ...asks.listings.map((l) => ["ask", l] as const),
            ...accepts.listings.map((l) => ["accept", l] as const),
            ...colds.listings.map((l) => ["cold get", l] as const),
          ])
            notes.push(`  ${name}, ${listing.length} statements:`, ...listing.map((text) => `    ${text.slice(0, 150)}`));

          // Nearby's answers grow with the data (more questions within the radius): how many items one carries here.
          const nearbyInput = () => ({ lat: 33.3 + Math.random() * 0.25, lng: 126.3 + Math.random() * 0.6, radiusKm: 3, limit: 20 });
          if (!ONLY || ONLY.includes("nearby")) {
            let items = 0;
            for (let i = 0; i < 50; i++) {
              const res = await fetch(`${app.url}${trpcQuery("question.nearby", nearbyInput())}`);
              items += ((await res.json()) as { result: { data: { items: unknown[] } } }).result.data.items.length;
            }
            notes.push(
              `${size.toLocaleString()} questions, ${withRedis ? "Redis" : "no Redis"}: nearby answers carry ${(items / 50).toFixed(1)} items on average (limit 20)`,
            );
          }

          const scenarios: [string, () => Req][] = [
            ["ask", () => ({ method: "POST", path: "/trpc/question.ask", headers: auth(n), body: askBody(n++) })],
            ["hot-get", () => ({ method: "GET", path: trpcQuery("question.get", { id: hotIds[n++ % hotIds.length] }) })],
            ["hot-list", () => ({ method: "GET", path: trpcQuery("question.list", hotLists[n++ % hotLists.length]) })],
            ["cold-get", () => ({ method: "GET", path: trpcQuery("question.get", { id: coldIds[cold++ % coldIds.length] }) })],
            // The same reads with a bearer token: the session lookup (cached by the Redis tier) on every request.
            ["get-auth", () => ({ method: "GET", path: trpcQuery("question.get", { id: ids[random(ids.length)] }), headers: auth(n++) })],
            [
              "list-auth",
              () => ({
                method: "GET",
                path: trpcQuery("question.list", { limit: 20, sort: n++ % 2 ? "newest" : "popular" }),
                headers: auth(n),
              }),
            ],
            // The hand-written peer, same queries, same bearer tokens (its session lookup is one indexed read).
            ...(peer
              ? ([
                  [
                    "peer-get-auth",
                    () => ({ method: "GET", path: `/get?id=${ids[random(ids.length)]}`, headers: auth(n++), url: peer.url }),
                  ],
                  [
                    "peer-list-auth",
                    () => ({ method: "GET", path: `/list?sort=${n++ % 2 ? "newest" : "popular"}`, headers: auth(n), url: peer.url }),
                  ],
                ] as [string, () => Req][])
              : []),
            [
              "nearby",
              () => ({
                method: "GET",
                path: trpcQuery("question.nearby", nearbyInput()),
              }),
            ],
            [
              "accept",
              () => ({
                method: "POST",
                path: "/trpc/answer.accept",
                headers: acceptor,
                body: JSON.stringify({ answerId: acceptable.pop() }),
              }),
            ],
          ];
          const hello = await measure(baseline.url, () => ({ method: "GET", path: "/" }));
          const label = `${size.toLocaleString()} questions, ${withRedis ? "Redis" : "no Redis"}`;
          // Cells left off at the end print blank.
          rows.push([label, "hello-world baseline", String(hello.rps), String(hello.p50), String(hello.p99), String(hello.max), "0"]);
          for (const [name, next] of scenarios.filter(([name]) => !ONLY || ONLY.includes(name))) {
            // The yardstick right before each write scenario: on shared cores it drifts within a run.
            const pgbenchCpu = cpuMeter(app.pid, `${db.dir}/postgres`);
            const tpc = WRITES.includes(name) ? await pgbench.run(CONNECTIONS, PGBENCH_THREADS, DURATION_S) : undefined;
            if (tpc) {
              const used = pgbenchCpu();
              rows.push([
                "",
                `pgbench TPC-B-like tps (before ${name})`,
                tpc.tps.toFixed(0),
                "",
                "",
                "",
                String(tpc.failed),
                "",
                "",
                `-/${used.postgres.toFixed(0)}/-`,
                perRequest(used.postgres, tpc.tps),
              ]);
            }
            if (tpc) notes.push(`${label}: pgbench before ${name}: latency average ${tpc.latencyMs} ms`);
            const sampler = PROBE ? sampleWaits(db.client) : undefined;
            const from = Date.now();
            // BENCH_CPU_PROF=<dir>: the service's CPU profile of this scenario's window, as <dir>/<data>-<scenario>.cpuprofile.
            const profiling = PROFILE_DIR !== undefined && !name.startsWith("peer-");
            if (profiling) await app.toggleSqlTrace();
            const cpu = cpuMeter(app.pid, `${db.dir}/postgres`);
            const r = await measure(next().url ?? app.url, next);
            const used = cpu();
            if (profiling) {
              const { profile } = await app.toggleSqlTrace();
              const file = `${PROFILE_DIR}/${size}${withRedis ? "-redis" : ""}-${name}.cpuprofile`;
              if (profile) renameSync(profile, file);
              notes.push(`${label}, ${name}: CPU profile in ${file} (npx tsx scripts/bench/profile.ts ${file})`);
            }
            const to = Date.now();
            const settled = SETTLE ? await settle(app.samples) : 0;
            const waits = await sampler?.stop();
            const queue = poolQueue(app.samples, from, to);
            const share = tpc ? `${((r.rps / tpc.tps) * 100).toFixed(1)}%` : "";
            results.push({ size, withRedis, name, rps: r.rps, p99: r.p99, hello: hello.rps });
            rows.push([
              "",
              name,
              String(r.rps),
              String(r.p50),
              String(r.p99),
              String(r.max),
              String(r.errors),
              `${queue.meanWaiting.toFixed(1)}/${queue.maxWaiting}`,
              SETTLE ? String(settled) : "",
              `${used.service.toFixed(0)}/${used.postgres.toFixed(0)}/${used.bench.toFixed(0)}`,
              perRequest(used.service + used.postgres, r.rps),
              share,
              `${((r.rps / hello.rps) * 100).toFixed(1)}%`,
            ]);
            if (waits) notes.push(`${label}, ${name}: pool in use ${queue.meanInUse.toFixed(1)} on average\n${formatWaits(waits)}`);
            const failures = app.errors.filter((e) => e.t >= from && e.t <= Math.max(to + 1000, Date.now()));
            if (failures.length) notes.push(`${label}, ${name}: ${failures.length} error logs, first: ${failures[0]?.message}`);
          }
        } finally {
          await app.stop();
          await peer?.stop();
          await redis?.stop();
        }
      }
    }
  } finally {
    await baseline.stop();
    await db.stop();
  }
  const header = [
    "data",
    "scenario",
    "req/s",
    "p50 ms",
    "p99 ms",
    "max ms",
    "non-2xx",
    "pool queue avg/max",
    "settle ms",
    "CPU % service/pg/bench",
    "CPU ms/req service+pg",
    "of pgbench tps",
    "of hello",
  ];
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S} s per scenario, service pool ${POOL_SIZE}; ${machine()}`);
  console.log(`pgbench: ${yardstick}`);
  console.log(table(header, rows));
  console.log(`\n${notes.join("\n")}`);
  console.log(`\n${goals(results).join("\n")}`);
};

interface Result {
  readonly size: number;
  readonly withRedis: boolean;
  readonly name: string;
  readonly rps: number;
  readonly p99: number;
  readonly hello: number;
}
const results: Result[] = [];

/** The goals against what was measured: met, missed, or not measured in this run. */
const goals = (all: readonly Result[]) => {
  const lines = ["goals:"];
  const find = (size: number, withRedis: boolean, name: string) =>
    all.find((r) => r.size === size && r.withRedis === withRedis && r.name === name);
  const verdict = (ok: boolean) => (ok ? "met" : "MISSED");
  for (const size of SIZES)
    for (const withRedis of REDIS_MODES) {
      const where = `${size.toLocaleString()}, ${withRedis ? "Redis" : "no Redis"}`;
      for (const name of ["hot-get", "hot-list"]) {
        const r = find(size, withRedis, name);
        if (r)
          lines.push(
            `  ${where}: ${name} ${((r.rps / r.hello) * 100).toFixed(0)}% of hello-world (≥ 40%), p99 ${r.p99} ms (≤ 10): ${verdict(r.rps >= 0.4 * r.hello && r.p99 <= 10)}`,
          );
      }
      for (const [ours, theirs] of [
        ["get-auth", "peer-get-auth"],
        ["list-auth", "peer-list-auth"],
      ] as const) {
        const a = find(size, withRedis, ours);
        const b = all.find((r) => r.size === size && r.name === theirs);
        if (a && b) lines.push(`  ${where}: ${ours} ${a.rps} req/s vs the peer's ${b.rps} (≥): ${verdict(a.rps >= b.rps)}`);
      }
    }
  const [small, large] = [Math.min(...SIZES), Math.max(...SIZES)];
  for (const withRedis of REDIS_MODES) {
    const a = find(small, withRedis, "nearby");
    const b = find(large, withRedis, "nearby");
    if (a && b && small !== large)
      lines.push(
        `  nearby ${small.toLocaleString()} → ${large.toLocaleString()} (${withRedis ? "Redis" : "no Redis"}): ${a.rps} → ${b.rps} req/s, p99 ${a.p99} → ${b.p99} ms (flat: within 20%): ${verdict(b.rps >= 0.8 * a.rps)}`,
      );
  }
  return lines.length > 1 ? lines : ["goals: none measured in this run"];
};

await main();
