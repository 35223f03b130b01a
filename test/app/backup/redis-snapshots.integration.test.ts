import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  listRedisSnapshots,
  pruneRedisSnapshots,
  restoreRedisSnapshot,
  takeRedisSnapshot,
} from "../../../src/app/backup/redisSnapshots.js";
import { storesLayout } from "../../../src/app/backup/stores.js";
import { freePort } from "../../support/processes.js";
import { startOwnRedis } from "../../support/redis.js";

const cli = (port: number, ...args: string[]) => execFileSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8" }).trim();

/** A command-line tool as `npm run` starts it. */
const tool = (script: string, args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const { DATABASE_URL: _, REDIS_URL: __, ...inherited } = process.env;
    execFile(
      process.execPath,
      ["--import", "tsx", script, ...args],
      { env: { ...inherited, ...env }, encoding: "utf8", timeout: 120_000 },
      (error, stdout, stderr) => done({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });

describe("Redis snapshots into the backup location (a Redis of the test's own)", () => {
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;
  const dir = mkdtempSync(join(tmpdir(), "dongne-redis-backup-"));
  const stores = storesLayout(join(dir, "stores"), () => "the test repository passphrase");
  const restoredServers: ChildProcess[] = [];

  beforeAll(async () => {
    redis = await startOwnRedis();
    cli(redis.port, "set", "session:abc", "제주-세션-값");
    cli(redis.port, "hset", "views", "q1", "41");
    cli(redis.port, "-n", "10", "set", "t10:other-db", "kept too");
  });
  afterAll(async () => {
    for (const c of restoredServers) c.kill("SIGKILL");
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("takes a sealed snapshot that restores into a Redis holding the same keys", async () => {
    const taken = await takeRedisSnapshot(stores, redis.url, new Date("2026-12-01T06:00:00Z"));
    expect(taken.name).toBe("redis-20261201T060000Z.rdb.sealed");
    expect(taken.rdbBytes).toBeGreaterThan(0);
    const sealed = readFileSync(taken.file);
    expect(sealed.subarray(0, 4).toString()).toBe("DNE1");
    expect(sealed.includes(Buffer.from("session:abc"))).toBe(false);
    // Nothing is left beside it (the plain RDB is removed).
    expect(readdirSync(stores.redisDir)).toEqual([taken.name]);

    const restoreDir = join(dir, "restored");
    mkdirSync(restoreDir);
    const snapshot = await restoreRedisSnapshot(stores, "latest", join(restoreDir, "dump.rdb"));
    expect(snapshot.name).toBe(taken.name);
    expect(readFileSync(join(restoreDir, "dump.rdb")).subarray(0, 5).toString()).toBe("REDIS");

    const port = await freePort();
    const child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", restoreDir, "--dbfilename", "dump.rdb", "--save", ""],
      {
        stdio: "ignore",
      },
    );
    restoredServers.push(child);
    for (let i = 0; i < 100; i++) {
      try {
        if (cli(port, "ping") === "PONG") break;
      } catch {}
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(cli(port, "get", "session:abc")).toBe("제주-세션-값");
    expect(cli(port, "hget", "views", "q1")).toBe("41");
    expect(cli(port, "-n", "10", "get", "t10:other-db")).toBe("kept too");
  }, 60_000);

  it("keeps 7 days of snapshots (the newest always), and a wrong key does not open them", async () => {
    const keep = storesLayout(join(dir, "retention"), () => "the test repository passphrase");
    mkdirSync(keep.redisDir, { recursive: true });
    for (const name of ["redis-20261120T000000Z.rdb.sealed", "redis-20261124T060000Z.rdb.sealed", "redis-20261125T120000Z.rdb.sealed"])
      writeFileSync(join(keep.redisDir, name), "x");
    writeFileSync(join(keep.redisDir, "unrelated.txt"), "left alone");
    expect(pruneRedisSnapshots(keep, new Date("2026-12-02T00:00:00Z"))).toEqual([
      "redis-20261120T000000Z.rdb.sealed",
      "redis-20261124T060000Z.rdb.sealed",
    ]);
    expect(listRedisSnapshots(keep).map((s) => s.name)).toEqual(["redis-20261125T120000Z.rdb.sealed"]);
    // Older than 7 days but the only one: kept.
    expect(pruneRedisSnapshots(keep, new Date("2027-01-01T00:00:00Z"))).toEqual([]);
    expect(readdirSync(keep.redisDir).sort()).toEqual(["redis-20261125T120000Z.rdb.sealed", "unrelated.txt"]);

    const wrong = storesLayout(join(dir, "stores"), () => "another passphrase");
    await expect(restoreRedisSnapshot(wrong, "latest", join(dir, "wrong.rdb"))).rejects.toThrow(/does not open with this key/);
  });

  it("fails loudly, leaving no snapshot, when Redis is not there", async () => {
    const port = await freePort();
    const none = storesLayout(join(dir, "none"), () => "the test repository passphrase");
    await expect(takeRedisSnapshot(none, `redis://127.0.0.1:${port}`)).rejects.toThrow(/redis-cli --rdb from 127\.0\.0\.1:\d+ failed/);
    expect(listRedisSnapshots(none)).toEqual([]);
  });

  it("npm run backup:redis takes one with REDIS_URL, restore:redis opens it, and backup:status reports it", async () => {
    const dataDir = join(dir, "data");
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const env = { DATA_DIR: dataDir, REDIS_URL: redis.url, BACKUP_CIPHER_PASS: "the CLI test passphrase, long" };
    const taken = await tool("src/app/cli/backupStores.ts", ["redis"], env);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stdout).toMatch(
      /redis snapshot redis-\d{8}T\d{6}Z\.rdb\.sealed in .*backup\/stores\/redis: RDB [\d.]+ MiB, sealed [\d.]+ MiB \(AES-256-GCM\)/,
    );

    const opened = await tool("src/app/cli/backupStores.ts", ["restore-redis", "--out", join(dir, "cli.rdb")], env);
    expect(opened.code, opened.stderr).toBe(0);
    expect(readFileSync(join(dir, "cli.rdb")).subarray(0, 5).toString()).toBe("REDIS");

    // With an external PostgreSQL, the status shows the stores without starting a database.
    const status = await tool("src/app/cli/backup.ts", ["status"], { ...env, DATABASE_URL: "postgres://127.0.0.1:5432/postgres" });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/redis\s+1 snapshots in .*\(.* MiB, AES-256-GCM\); newest 20\d\d-.*every 6 h, 7 days kept/);
    expect(status.stdout).toMatch(/media\s+0 daily manifests/);

    const noRedis = await tool("src/app/cli/backupStores.ts", ["redis"], { DATA_DIR: dataDir });
    expect(noRedis.code).toBe(1);
    expect(noRedis.stderr).toContain("REDIS_URL is not set");
    expect(noRedis.stderr).not.toMatch(/^\s+at /m);
  }, 90_000);
});
