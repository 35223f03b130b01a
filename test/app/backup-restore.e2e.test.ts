import { execFile } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeDataDir, startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

/** A command-line tool as `npm run` starts it (asynchronously: the service's output keeps flowing meanwhile). */
const tool = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    const { DATABASE_URL: _, ...inherited } = process.env;
    execFile(
      process.execPath,
      ["--import", "tsx", "src/app/cli/backup.ts", ...args],
      { env: { ...inherited, ...env }, encoding: "utf8", timeout: 180_000 },
      (error, stdout, stderr) => done({ code: error ? Number((error as { code?: unknown }).code ?? 1) : 0, stdout, stderr }),
    );
  });

const question = (title: string) => ({
  title,
  content: "백업과 복구를 시험하는 질문입니다. 이 글이 복구본에 있어야 하는지 확인해요.",
  hashtags: ["백업"],
  regionCode: "KR-49-02-05",
});

const STACK_LINE = /^\s+at /m;

describe("backups with point-in-time recovery, on the running service", () => {
  it("backs up the running service, restores to a moment between two questions into a new DATA_DIR, and that copy serves the first only", async () => {
    const dataDir = makeDataDir();
    const restoredDir = join(mkdtempSync(join(tmpdir(), "dongne-restored-")), "data");
    // The embedded server may run as "postgres": it must pass through the new directory's parent.
    chmodSync(join(restoredDir, ".."), 0o755);
    const server = await startServer({}, { dataDir });
    try {
      const env = { DATA_DIR: dataDir, BACKUP_SCHEDULE: "on" };
      const backup = await tool(["now"], env);
      expect(backup.stderr).not.toMatch(STACK_LINE);
      expect(backup.code, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/backup \S+F \(full\) done/);
      // pgBackRest keeps a backup's stop time to the second: a target in the same second as the stop finds no backup.
      await new Promise((r) => setTimeout(r, 1100));

      const api = trpcClient(server.url);
      const user = await api.mutate("auth.register", { email: "backup@example.kr", password: "백업시험2026!", nickname: "백업시험" });
      const first = await api.mutate("question.ask", question("복구 시점 이전의 첫 번째 질문"), user.data.token);
      expect(first.status).toBe(200);
      const between = new Date();
      await new Promise((r) => setTimeout(r, 200));
      const second = await api.mutate("question.ask", question("복구 시점 이후의 두 번째 질문"), user.data.token);
      expect(second.status).toBe(200);

      const listed = await tool(["list"], env);
      expect(listed.stdout).toMatch(/F\s+full/);
      const status = await tool(["status"], env);
      expect(status.code, status.stdout + status.stderr).toBe(0);
      expect(status.stdout).toMatch(/last full\s+20\d\d-/);
      expect(status.stdout).toMatch(/next run\s+20\d\d-\d\d-\d\dT17:00:00\.000Z/);
      expect(status.stdout).toContain("aes-256-cbc encrypted");

      const refused = await tool(["restore", "--to", between.toISOString(), "--target", dataDir], env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("live DATA_DIR");

      const restore = await tool(["restore", "--to", between.toISOString(), "--target", restoredDir], env);
      expect(restore.stderr).not.toMatch(STACK_LINE);
      expect(restore.code, restore.stderr).toBe(0);
      expect(restore.stdout).toContain(`DATA_DIR=${restoredDir} npm start`);
      // The repository never held the key in the clear.
      const repo = join(dataDir, "backup", "repo");
      expect(existsSync(repo)).toBe(true);
      expect(readFileSync(join(dataDir, "backup", "pgbackrest.conf"), "utf8")).toContain("repo1-cipher-type=aes-256-cbc");

      const copy = await startServer({}, { dataDir: restoredDir });
      try {
        const restoredApi = trpcClient(copy.url);
        const found = await restoredApi.query("question.get", { id: first.data.id });
        expect(found.status).toBe(200);
        expect(found.data.title).toBe("복구 시점 이전의 첫 번째 질문");
        const missing = await restoredApi.query("question.get", { id: second.data.id });
        expect(missing.status).toBe(404);
        // The restored copy is a normal service: it takes writes.
        const login = await restoredApi.mutate("auth.login", { email: "backup@example.kr", password: "백업시험2026!" });
        expect(login.status).toBe(200);
        expect((await restoredApi.mutate("question.ask", question("복구본에서 새로 쓴 질문"), login.data.token)).status).toBe(200);
      } finally {
        await copy.stop();
      }
      // The live service never noticed.
      expect((await api.query("question.get", { id: second.data.id })).status).toBe(200);

      const drill = await tool(["verify"], env);
      expect(drill.stderr).not.toMatch(STACK_LINE);
      expect(drill.code, drill.stdout + drill.stderr).toBe(0);
      for (const check of [
        "amcheck",
        "migration version",
        "recovered to target",
        "stopped at target",
        "balance = ledger sum",
        "balance chain",
      ])
        expect(drill.stdout).toMatch(new RegExp(`ok\\s+${check}`));
      expect(drill.stdout).toMatch(/drill passed: RPO [\d.]+ s \(age of the newest archived WAL\), RTO [\d.]+ s/);
      expect((await tool(["status"], env)).stdout).toMatch(/last drill\s+passed/);
      expect(server.output()).not.toContain('"level":50');
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(join(restoredDir, ".."), { recursive: true, force: true });
    }
  }, 300_000);
});
