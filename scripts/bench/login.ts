/**
 * `npm run bench:login`: 300 concurrent sign-ins beside a bystander reading `question.list`. Against the
 * built service on an embedded PostgreSQL with bulk-loaded questions, it measures the bystander's p95 alone
 * and during the storm, in the same run: the old behaviour (as many hashes as libuv's 4 threads run at
 * once), the default (bounded lanes: half the cores, at normal priority), and those lanes at nice 19
 * (hashing takes only the CPU requests leave idle) and nice 5. Rate limits are off, so
 * every sign-in really hashes; a last scenario repeats the default with limits on and all 300 attempts
 * guessing one account's password. Numbers, not verdicts.
 *
 * Knobs: BENCH_LOGINS (300), BENCH_LOGIN_ACCOUNTS (30), BENCH_LOGIN_QUESTIONS (2,000).
 */
import { availableParallelism } from "node:os";
import { bulkFillQuestions } from "./bulkFill.js";
import {
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

const LOGINS = Number(process.env.BENCH_LOGINS ?? 300);
const ACCOUNTS = Number(process.env.BENCH_LOGIN_ACCOUNTS ?? 30);
const QUESTIONS = Number(process.env.BENCH_LOGIN_QUESTIONS ?? 2_000);
const IDLE_MS = 3_000;
const TIMEOUT_MS = 60_000;

const timed = async (url: string, init?: RequestInit) => {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - started };
  } catch {
    return { status: 0, ms: performance.now() - started };
  }
};

/** `question.list` one call after another until `until` says stop. */
const bystander = async (url: string, token: string, until: () => boolean) => {
  const samples: number[] = [];
  const path = `${url}${trpcQuery("question.list", { limit: 20 })}`;
  while (!until()) samples.push((await timed(path, { headers: { authorization: `Bearer ${token}` } })).ms);
  return samples;
};

const login = (url: string, email: string, password: string) =>
  timed(`${url}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });

interface Row {
  readonly scenario: string;
  readonly idleP95: number;
  readonly stormP95: number;
  readonly outcomes: string;
  readonly loginP50: number;
  readonly loginP99: number;
  readonly stormMs: number;
}

const scenario = async (
  name: string,
  dbUrl: string,
  dir: string,
  env: Record<string, string>,
  attempt: (url: string, i: number, emailOf: (i: number) => string) => Promise<{ status: number; ms: number }>,
): Promise<Row> => {
  const app = await startService(dbUrl, dir, env);
  try {
    const prefix = `login${Date.now().toString(36)}`;
    const users = await registerUsers(app.url, prefix, ACCOUNTS);
    // registerUsers' addresses: `${prefix}-${i}@example.kr`.
    const emailOf = (i: number) => `${prefix}-${i % ACCOUNTS}@example.kr`;
    const watcher = users[0] as BenchUser;
    const warm = Date.now() + 500;
    await bystander(app.url, watcher.token, () => Date.now() > warm);
    const idleEnd = Date.now() + IDLE_MS;
    const idle = await bystander(app.url, watcher.token, () => Date.now() > idleEnd);
    let done = false;
    const started = performance.now();
    const storm = Promise.all(Array.from({ length: LOGINS }, (_, i) => attempt(app.url, i, emailOf))).finally(() => {
      done = true;
    });
    const during = await bystander(app.url, watcher.token, () => done);
    const results = await storm;
    const stormMs = performance.now() - started;
    const counts = new Map<number, number>();
    for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    return {
      scenario: name,
      idleP95: percentile(idle, 95),
      stormP95: percentile(during, 95),
      outcomes: [...counts].map(([s, n]) => `${s}×${n}`).join(" "),
      loginP50: percentile(
        results.map((r) => r.ms),
        50,
      ),
      loginP99: percentile(
        results.map((r) => r.ms),
        99,
      ),
      stormMs,
    };
  } finally {
    await app.stop();
  }
};

const main = async () => {
  buildService();
  const db = await startBenchDatabase("dongne-bench-login");
  try {
    await bulkFillQuestions(db.client, QUESTIONS);
    const rows: Row[] = [];
    // Each scenario registers its own accounts; sign-ins spread over them with the right password.
    const spread = (url: string, i: number, emailOf: (i: number) => string) => login(url, emailOf(i), "bench-password-1");
    rows.push(
      await scenario(
        "before: 4 hashes at once (libuv's pool), limits off",
        db.url,
        `${db.dir}/a`,
        { ARGON2_CONCURRENCY: "4", ARGON2_NICE: "0", RATE_LIMITS: "off" },
        spread,
      ),
    );
    const lanes = Math.max(1, Math.floor(availableParallelism() / 2));
    rows.push(
      await scenario(
        `now: ${lanes} at once (default, nice 0), limits off`,
        db.url,
        `${db.dir}/n`,
        { ARGON2_NICE: "0", RATE_LIMITS: "off" },
        spread,
      ),
    );
    rows.push(
      await scenario(`${lanes} at once, nice 19, limits off`, db.url, `${db.dir}/m`, { ARGON2_NICE: "19", RATE_LIMITS: "off" }, spread),
    );
    rows.push(
      await scenario(`${lanes} at once, nice 5, limits off`, db.url, `${db.dir}/b`, { ARGON2_NICE: "5", RATE_LIMITS: "off" }, spread),
    );
    rows.push(
      await scenario(
        `now: default, limits on, ${LOGINS} guesses at one account`,
        db.url,
        `${db.dir}/c`,
        { RATE_LIMITS: "on", RATE_LIMIT_REGISTER_PER_ADDRESS: "1000/h" },
        (url, i, emailOf) => login(url, emailOf(0), `wrong-guess-${i}`),
      ),
    );
    console.log(
      `\n${machine()}; ${LOGINS} concurrent auth.login, ${ACCOUNTS} accounts, ${QUESTIONS} questions (the machine may be shared)\n`,
    );
    console.log(
      table(
        ["scenario", "list p95 idle ms", "list p95 storm ms", "ratio", "logins", "login p50 ms", "login p99 ms", "storm s"],
        rows.map((r) => [
          r.scenario,
          r.idleP95.toFixed(1),
          r.stormP95.toFixed(1),
          `${(r.stormP95 / r.idleP95).toFixed(1)}×`,
          r.outcomes,
          r.loginP50.toFixed(0),
          r.loginP99.toFixed(0),
          (r.stormMs / 1000).toFixed(1),
        ]),
      ),
    );
  } finally {
    await db.stop();
  }
};

await main();
