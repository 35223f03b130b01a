/**
 * `npm run bench`: throughput and latency of ask, get, list, nearby and accept over HTTP against the
 * built service on the embedded PostgreSQL, at 10k and 100k questions, next to a bare node:http
 * hello-world measured in the same run on the same machine. Prints a table; numbers, not verdicts.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/adapters/postgres/EmbeddedPostgres.js";
import { migrate } from "../../src/adapters/postgres/migrate.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";
import { bulkAcceptable, bulkFillQuestions } from "./bulkFill.js";

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);

const waitForLine = (child: ChildProcess, pattern: RegExp) =>
  new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (c: Buffer) => {
      out += c.toString();
      const m = out.match(pattern);
      if (m) resolve(m[1] as string);
    });
    child.stderr?.on("data", (c: Buffer) => {
      out += c.toString();
    });
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${out}`)));
  });

const helloWorld = async () => {
  const child = spawn(
    process.execPath,
    ["-e", "const s=require('http').createServer((q,r)=>r.end('hello')).listen(0,'127.0.0.1',()=>console.log('port '+s.address().port))"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  return { url: `http://127.0.0.1:${await waitForLine(child, /port (\d+)/)}`, stop: () => child.kill() };
};

const service = async (databaseUrl: string) => {
  const child = spawn(process.execPath, ["dist/app/main.js"], {
    env: { ...process.env, PORT: "0", DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: "16", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const url = await waitForLine(child, /"url":"([^"]+)"/);
  return { url, stop: () => child.kill("SIGTERM") };
};

type Req = { method: "GET" | "POST"; path: string; body?: string; headers?: Record<string, string> };

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
            headers: { ...req.headers, "content-type": "application/json", ...r.headers },
          };
        },
      },
    ],
  });
  const errors = result.non2xx + result.errors;
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors };
};

const query = (path: string, input: unknown) => `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;
const random = (n: number) => Math.floor(Math.random() * n);

const main = async () => {
  execFileSync("npm", ["run", "build", "--silent"], { stdio: "inherit" });
  const dir = mkdtempSync(join(tmpdir(), "dongne-bench-"));
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(dir);
  await migrate(db.url, loadJejuRegions());
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const rows: string[][] = [];
  const baseline = await helloWorld();
  try {
    let filled = 0;
    for (const size of SIZES) {
      await bulkFillQuestions(client, size - filled, filled + 1);
      filled = size;
      const app = await service(db.url);
      try {
        const tokens: string[] = [];
        const userIds: string[] = [];
        for (let i = 0; i < 17; i++) {
          const res = await fetch(`${app.url}/trpc/auth.register`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({
              email: `bench${size}-${i}@example.kr`,
              password: "bench-password-1",
              nickname: `벤치${i}`,
              regionCode: "KR-49-01-02",
            }),
          });
          const data = ((await res.json()) as { result: { data: { token: string; user: { id: string } } } }).result.data;
          tokens.push(data.token);
          userIds.push(data.user.id);
        }
        const ids = (
          await client.query<{ id: string }>("SELECT id FROM questions WHERE status = 'open' ORDER BY random() LIMIT 2000")
        ).rows.map((r) => r.id);
        const acceptable = await bulkAcceptable(client, userIds[16] as string, userIds.slice(0, 16), 20_000);
        const auth = (i: number) => ({ authorization: `Bearer ${tokens[i % 16]}` });
        let n = 0;
        const scenarios: [string, () => Req][] = [
          [
            "ask",
            () => ({
              method: "POST",
              path: "/trpc/question.ask",
              headers: auth(n++),
              body: JSON.stringify({
                title: `벤치마크 애월 카페 질문 ${n}번`,
                content: "벤치마크로 올리는 질문입니다. 애월 바다 보이는 카페를 찾고 있어요.",
                regionCode: "KR-49-01-02",
                hashtags: ["벤치"],
              }),
            }),
          ],
          ["get", () => ({ method: "GET", path: query("question.get", { id: ids[random(ids.length)] }) })],
          [
            "list",
            () => ({
              method: "GET",
              path: query("question.list", {
                limit: 20,
                sort: n++ % 2 ? "newest" : "popular",
                ...(n % 3 ? {} : { regionCode: "KR-49-01" }),
              }),
            }),
          ],
          [
            "nearby",
            () => ({
              method: "GET",
              path: query("question.nearby", {
                lat: 33.3 + Math.random() * 0.25,
                lng: 126.3 + Math.random() * 0.6,
                radiusKm: 3,
                limit: 20,
              }),
            }),
          ],
          [
            "accept",
            () => ({
              method: "POST",
              path: "/trpc/answer.accept",
              headers: { authorization: `Bearer ${tokens[16]}` },
              body: JSON.stringify({ answerId: acceptable.pop() }),
            }),
          ],
        ];
        const hello = await measure(baseline.url, () => ({ method: "GET", path: "/" }));
        rows.push([
          `${size.toLocaleString()} questions`,
          "hello-world baseline",
          String(hello.rps),
          String(hello.p50),
          String(hello.p99),
          String(hello.errors),
        ]);
        for (const [name, next] of scenarios) {
          const r = await measure(app.url, next);
          rows.push(["", name, String(r.rps), String(r.p50), String(r.p99), String(r.errors)]);
        }
      } finally {
        app.stop();
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  } finally {
    baseline.stop();
    await client.end();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const header = ["data", "scenario", "req/s", "p50 ms", "p99 ms", "non-2xx"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log(`\n${CONNECTIONS} connections, ${DURATION_S}s per scenario, ${process.versions.node} on ${os()}`);
  console.log(line(header));
  for (const r of rows) console.log(line(r));
};

const os = () => `${process.platform}/${process.arch}, ${cpus().length} cores`;

await main();
