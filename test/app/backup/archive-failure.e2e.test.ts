import { execFile } from "node:child_process";
import { chmodSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runningEmbeddedPostgres } from "../../../src/adapters/postgres/EmbeddedPostgres.js";
import { makeDataDir, startServer, TEST_METRICS_TOKEN } from "../../support/serverProcess.js";

type Server = Awaited<ReturnType<typeof startServer>>;

const metricsOf = async (server: Server) =>
  (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();

const eventually = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
};

/** A commit in the current WAL segment, then the segment closed: PostgreSQL runs archive_command on it at once. */
const writeAndSwitch = async (dataDir: string) => {
  const db = await runningEmbeddedPostgres(dataDir);
  if (!db) throw new Error("the service's embedded PostgreSQL is not running");
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await client.query("SELECT txid_current()");
    await client.query("SELECT pg_switch_wal()");
  } finally {
    await client.end();
  }
};

const statusTool = (dataDir: string) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const { DATABASE_URL: _, ...inherited } = process.env;
    execFile(
      process.execPath,
      ["--import", "tsx", "src/app/cli/backup.ts", "status"],
      { env: { ...inherited, DATA_DIR: dataDir, BACKUP_SCHEDULE: "off" }, encoding: "utf8", timeout: 120_000 },
      (error, stdout, stderr) => done({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe("a gap in the WAL archive is loud", () => {
  const dataDir = makeDataDir();
  const repo = join(dataDir, "backup", "repo");
  let server: Server;
  beforeAll(async () => {
    server = await startServer({ BACKUP_CHECK_INTERVAL_MS: "1000" }, { dataDir });
  }, 90_000);
  afterAll(async () => {
    chmodSync(repo, 0o700);
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("an unwritable repository makes archive_command fail: the metrics say so, an error is logged, backup:status exits 1, and it recovers", async () => {
    // The stanza exists and the archiver is healthy first.
    await eventually(
      async () => ((await metricsOf(server)).match(/^dongne_wal_archive_failing 0$/m) ? true : undefined),
      60_000,
      "a healthy archiver",
    );
    await writeAndSwitch(dataDir);
    await eventually(
      async () => ((await metricsOf(server)).match(/^dongne_wal_archive_last_success_timestamp_seconds [1-9]/m) ? true : undefined),
      60_000,
      "a first archived segment",
    );

    // The repository becomes unwritable for the server's account (postgres, or this user): archive-push fails.
    chmodSync(repo, 0o000);
    await writeAndSwitch(dataDir);
    const text = await eventually(
      async () => {
        const t = await metricsOf(server);
        return /^dongne_wal_archive_failing 1$/m.test(t) ? t : undefined;
      },
      60_000,
      "dongne_wal_archive_failing 1",
    );
    expect(Number(/^dongne_wal_archive_failures (\d+)/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).toMatch(/^dongne_backup_last_failure_timestamp_seconds\{job="wal_archive"\} 1\d{9}/m);
    await server.logged("WAL archiving is FAILING");
    const line = server
      .output()
      .split("\n")
      .find((l) => l.includes("WAL archiving is FAILING"));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ level: 50, wal: expect.stringMatching(/^[0-9A-F]{24}$/) });

    const status = await statusTool(dataDir);
    expect(status.code, status.stderr).toBe(1);
    expect(status.stdout).toMatch(/archiver\s+FAILING since 20\d\d-.* \([0-9A-F]{24}\)/);
    // pgBackRest cannot read the repository either, and says so rather than "ok".
    expect(status.stdout).toMatch(/^repository .* status (?!ok$)\S+/m);
    expect(status.stderr).not.toMatch(/^\s+at /m);

    // Fixed: PostgreSQL retries the segment by itself (within a minute) and the alarm clears.
    chmodSync(repo, 0o700);
    await eventually(
      async () => ((await metricsOf(server)).match(/^dongne_wal_archive_failing 0$/m) ? true : undefined),
      120_000,
      "the archiver recovering",
    );
    await server.logged("WAL archiving works again");
  }, 300_000);

  it("a failed drill report (what a failing npm run backup:verify leaves) raises the drill metrics and logs an error", async () => {
    const at = new Date().toISOString();
    writeFileSync(
      join(dataDir, "backup", "drill.json"),
      JSON.stringify({ ok: false, at, rpoSeconds: null, rtoSeconds: null, checks: [], error: "restore failed: forced by the test" }),
    );
    const text = await eventually(
      async () => {
        const t = await metricsOf(server);
        return /^dongne_backup_drill_failing 1$/m.test(t) ? t : undefined;
      },
      30_000,
      "dongne_backup_drill_failing 1",
    );
    expect(text).toContain(`dongne_backup_last_failure_timestamp_seconds{job="drill"} ${new Date(at).getTime() / 1000}`);
    await server.logged("the last restore drill FAILED");
    const line = server
      .output()
      .split("\n")
      .find((l) => l.includes("the last restore drill FAILED"));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ level: 50, drill: { error: "restore failed: forced by the test" } });
  }, 60_000);
});
