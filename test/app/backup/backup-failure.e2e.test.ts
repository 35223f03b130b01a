import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeDataDir, startServer, TEST_METRICS_TOKEN } from "../../support/serverProcess.js";

type Server = Awaited<ReturnType<typeof startServer>>;

const metricsOf = async (server: Server) =>
  (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } })).text();

/** As root, or through sudo: mounting a filesystem is the one way to make a disk full for a root process. */
const asRoot = (command: string, args: string[]) =>
  process.getuid?.() === 0 ? execFileSync(command, args) : execFileSync("sudo", ["-n", command, ...args]);

/**
 * The repository on a 1 MiB filesystem, as when the backup disk fills up: the stanza fits, but not the WAL the
 * first full backup waits for (pgBackRest fails the backup when its start segment is not archived) nor the
 * backup itself. The service takes that backup at once (none exists).
 */
describe("a failed scheduled backup is loud", () => {
  const dataDir = makeDataDir();
  const repo = join(dataDir, "backup", "repo");
  let server: Server | undefined;
  let mounted = false;
  beforeAll(async () => {
    mkdirSync(repo, { recursive: true });
    asRoot("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", repo]);
    mounted = true;
    server = await startServer({ BACKUP_SCHEDULE: "on", BACKUP_CHECK_INTERVAL_MS: "1000" }, { dataDir });
  }, 90_000);
  afterAll(async () => {
    await server?.stop();
    if (mounted) asRoot("umount", [repo]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("a full backup on a full repository disk: counted as a failure, its time in the metric, an error logged", async () => {
    const s = server as Server;
    await s.logged("backup FAILED");
    const line = s
      .output()
      .split("\n")
      .find((l) => l.includes("backup FAILED"));
    expect(JSON.parse(line ?? "{}")).toMatchObject({ level: 50, kind: "full" });
    const text = await metricsOf(s);
    expect(text).toMatch(/^dongne_backup_runs_total\{kind="full",outcome="failure"\} [1-9]/m);
    expect(text).toMatch(/^dongne_backup_last_failure_timestamp_seconds\{job="postgres"\} 1\d{9}/m);
    expect(text).not.toMatch(/^dongne_backup_runs_total\{kind="full",outcome="success"\} [1-9]/m);
    // The service keeps answering while its backups fail.
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  }, 180_000);
});
