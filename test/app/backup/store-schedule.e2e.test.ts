import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startOwnRedis } from "../../support/redis.js";
import { makeDataDir, startServer, TEST_METRICS_TOKEN } from "../../support/serverProcess.js";

describe("the service's schedule takes the Redis snapshot and the media sync (BACKUP_SCHEDULE=on)", () => {
  const dataDir = makeDataDir();
  let stopAll: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await stopAll?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("both land in the backup location at once (none existed), and the metrics show them", async () => {
    const redis = await startOwnRedis();
    mkdirSync(join(dataDir, "media", "images"), { recursive: true });
    writeFileSync(join(dataDir, "media", "images", "seed.webp"), "사진");
    const server = await startServer({ BACKUP_SCHEDULE: "on", BACKUP_CHECK_INTERVAL_MS: "1000", REDIS_URL: redis.url }, { dataDir });
    stopAll = async () => {
      await server.stop();
      await redis.stop();
    };
    await server.logged("redis backup done");
    await server.logged("media backup done");
    const stores = join(dataDir, "backup", "stores");
    expect(readdirSync(join(stores, "redis"))).toEqual([expect.stringMatching(/^redis-\d{8}T\d{6}Z\.rdb\.sealed$/)]);
    expect(readdirSync(join(stores, "media", "manifests"))).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}\.json\.sealed$/)]);
    const text = await (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();
    expect(text).toMatch(/^dongne_store_backup_last_success_timestamp_seconds\{store="redis"\} 1\d{9}/m);
    expect(text).toMatch(/^dongne_store_backup_last_success_timestamp_seconds\{store="media"\} 1\d{9}/m);
    expect(text).toMatch(/^dongne_store_backup_runs_total\{store="media",outcome="success"\} 1$/m);
    expect(server.output()).not.toContain("backup FAILED");
  }, 180_000);
});
