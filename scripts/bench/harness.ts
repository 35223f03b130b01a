/**
 * What every HTTP benchmark needs: the built service on a throw-away embedded PostgreSQL, a bare
 * node:http baseline, registered users, and a plain table printer. Loopback only.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer as createNetServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../src/adapters/postgres/EmbeddedPostgres.js";
import { migrate } from "../../src/adapters/postgres/migrate.js";
import { loadJejuRegions } from "../../src/adapters/region-data/jejuRegions.js";

export { percentile } from "./search-eval/metrics.js";

const PROBE = resolve(import.meta.dirname, "serviceProbe.ts");

export const buildService = () => execFileSync("npm", ["run", "build", "--silent"], { stdio: "inherit" });

const eachLine = (stream: NodeJS.ReadableStream | null, onLine: (line: string) => void) => {
  let rest = "";
  stream?.on("data", (c: Buffer) => {
    const lines = (rest + c.toString()).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) onLine(line);
  });
};

/** The first capture of `pattern` in a line of the child's stdout; fails with the child's last output if it exits first. */
const waitForLine = (child: ChildProcess, pattern: RegExp) =>
  new Promise<string>((done, fail) => {
    const tail: string[] = [];
    const keep = (line: string) => {
      if (line.startsWith("bench-")) return;
      tail.push(line);
      if (tail.length > 20) tail.shift();
    };
    eachLine(child.stdout, (line) => {
      keep(line);
      const m = line.match(pattern);
      if (m) done(m[1] as string);
    });
    eachLine(child.stderr, keep);
    child.once("exit", (code) => fail(new Error(`exited ${code}: ${tail.join("\n")}`)));
  });

const stopChild = (child: ChildProcess, signal: NodeJS.Signals) =>
  new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(force);
      done();
    });
    child.kill(signal);
  });

export interface BenchDatabase {
  readonly url: string;
  /** A client on the service's database, for bulk loads and sampling. */
  readonly client: pg.Client;
  /** The server's address and credentials, for other databases and tools on it. */
  readonly server: { readonly host: string; readonly port: number; readonly user: string; readonly password: string };
  readonly dir: string;
  readonly stop: () => Promise<void>;
}

/** An embedded PostgreSQL 15 in a temporary directory, migrated, removed on stop. */
export const startBenchDatabase = async (prefix: string): Promise<BenchDatabase> => {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  chmodSync(dir, 0o755);
  const db = await startEmbeddedPostgres(dir);
  await migrate(db.url, loadJejuRegions());
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const parsed = new URL(db.url);
  return {
    url: db.url,
    client,
    dir,
    server: {
      host: parsed.hostname,
      port: Number(parsed.port),
      user: decodeURIComponent(parsed.username),
      password: decodeURIComponent(parsed.password),
    },
    stop: async () => {
      await client.end().catch(() => {});
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export interface PoolSample {
  /** The pool's application_name, when the service gives one. */
  readonly name?: string;
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}
export interface ProbeSample {
  readonly t: number;
  /** Statements sent since the service started. */
  readonly statements: number;
  readonly pools: readonly PoolSample[];
}

export interface BenchService {
  readonly url: string;
  readonly pid: number;
  readonly samples: readonly ProbeSample[];
  /** Statement texts recorded while tracing (see serviceProbe.ts). */
  readonly sql: readonly { readonly t: number; readonly text: string }[];
  /** Messages of the service's error logs, each with the time it was logged. */
  readonly errors: readonly { readonly t: number; readonly message: string }[];
  /** Resolves once the service has switched. */
  /** SIGUSR2: the SQL trace on or off, or with BENCH_CPU_PROF a CPU profile started or written (its file). */
  readonly toggleSqlTrace: () => Promise<{ readonly profile?: string }>;
  readonly stop: () => Promise<void>;
}

const errorMessage = (log: Record<string, unknown>) => {
  const err = log.err as { message?: string; cause?: { message?: string } } | undefined;
  const text = err?.cause?.message ?? err?.message ?? (typeof log.cause === "string" ? log.cause : String(log.msg));
  // Effect's pretty causes carry stack lines; the first line names the failure.
  return `${String(log.msg)}: ${(text.split("\n")[0] ?? "").slice(0, 160)}`;
};

/** The built service (`node dist/app/main.js`) on `databaseUrl`, with the probe loaded into it. */
export const startService = async (databaseUrl: string, dataDir: string, env: Record<string, string> = {}): Promise<BenchService> => {
  const child = spawn(process.execPath, ["--import", PROBE, "dist/app/main.js"], {
    // Load generators are few clients doing many writes: the abuse limits would refuse them (a scenario may switch them on).
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      LOG_LEVEL: "info",
      RATE_LIMITS: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const samples: ProbeSample[] = [];
  const sql: { t: number; text: string }[] = [];
  const errors: { t: number; message: string }[] = [];
  let traceAcknowledged: ((ack: { profile?: string }) => void) | undefined;
  eachLine(child.stderr, (line) => {
    if (line.startsWith("bench-probe ")) samples.push(JSON.parse(line.slice(12)) as ProbeSample);
    else if (line.startsWith("bench-sql ")) sql.push(JSON.parse(line.slice(10)) as { t: number; text: string });
    else if (line.startsWith("bench-trace ")) traceAcknowledged?.(JSON.parse(line.slice(12)) as { profile?: string });
  });
  eachLine(child.stdout, (line) => {
    if (!line.startsWith("{")) return;
    const log = JSON.parse(line) as Record<string, unknown>;
    if (typeof log.level === "number" && log.level >= 50) errors.push({ t: Date.now(), message: errorMessage(log) });
  });
  const url = await waitForLine(child, /"url":"([^"]+)"/);
  return {
    url,
    pid: child.pid as number,
    samples,
    sql,
    errors,
    toggleSqlTrace: () =>
      new Promise<{ profile?: string }>((done, fail) => {
        const late = setTimeout(() => fail(new Error("the service's probe did not acknowledge SIGUSR2")), 30_000);
        traceAcknowledged = (ack) => {
          clearTimeout(late);
          done(ack);
        };
        child.kill("SIGUSR2");
      }),
    stop: () => stopChild(child, "SIGTERM"),
  };
};

/** A bare node:http hello-world: what the machine serves with no work per request. */
export const startHelloWorld = async () => {
  const child = spawn(
    process.execPath,
    ["-e", "const s=require('http').createServer((q,r)=>r.end('hello')).listen(0,'127.0.0.1',()=>console.log('port '+s.address().port))"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  return { url: `http://127.0.0.1:${await waitForLine(child, /port (\d+)/)}`, stop: () => stopChild(child, "SIGTERM") };
};

export interface BenchUser {
  readonly id: string;
  readonly token: string;
}

/** Registers `count` users through the API (so sessions and passwords are real). */
export const registerUsers = async (url: string, prefix: string, count: number): Promise<BenchUser[]> => {
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${url}/trpc/auth.register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        email: `${prefix}-${i}@example.kr`,
        password: "bench-password-1",
        nickname: `벤치${prefix.slice(-4)}${i}`,
        regionCode: "KR-49-01-02",
      }),
    });
    const body = (await res.json()) as { result?: { data: { token: string; user: { id: string } } } };
    if (!body.result) throw new Error(`auth.register failed with ${res.status}: ${JSON.stringify(body)}`);
    users.push({ id: body.result.data.user.id, token: body.result.data.token });
  }
  return users;
};

export const trpcQuery = (path: string, input: unknown) => `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`;

export const table = (header: readonly string[], rows: readonly (readonly string[])[]) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
};

/** Where the numbers were taken: other people's processes share these cores. */
export const machine = () =>
  `Node ${process.versions.node} on ${process.platform}/${process.arch}, ${cpus().length} cores, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`;

/** The hand-written node:http + pg peer (scripts/bench/peer.ts) on the benchmark's database. */
export const startPeer = async (databaseUrl: string, poolSize: string) => {
  const child = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, "peer.ts")], {
    env: { ...process.env, PEER_DATABASE_URL: databaseUrl, PEER_POOL_SIZE: poolSize },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { url: `http://127.0.0.1:${await waitForLine(child, /port (\d+)/)}`, stop: () => stopChild(child, "SIGTERM") };
};

const freePort = () =>
  new Promise<number>((done, fail) => {
    const s = createNetServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => done(port));
    });
  });

/** A throw-away Redis (the machine's redis-server, memory only, loopback) for the runs with Redis. */
export const startBenchRedis = async () => {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  await waitForLine(child, /(Ready to accept connections)/);
  return { url: `redis://127.0.0.1:${port}`, stop: () => stopChild(child, "SIGTERM") };
};
