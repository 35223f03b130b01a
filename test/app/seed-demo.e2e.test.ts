import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeDataDir, startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

const seed = (dataDir: string) =>
  execFileSync(process.execPath, ["--import", "tsx", "src/app/cli/seedDemo.ts"], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: "utf8",
  });

describe("npm run seed:demo", () => {
  it("loads a living service once (users, 300 questions, answers, acceptances), and is a no-op the second time", async () => {
    const dataDir = makeDataDir();
    try {
      expect(seed(dataDir)).toMatch(/Loaded 30 users, 300 questions, \d+ answers \(\d+ accepted\)/);
      expect(seed(dataDir)).toContain("already loaded");
      const server = await startServer({}, { dataDir });
      const api = trpcClient(server.url);
      const login = await api.mutate("auth.login", { email: "resident1@demo.dongne.kr", password: "jeju-demo-2026" });
      expect(login.data.user).toMatchObject({ isLocalVerified: true });
      const answered = await api.query("question.list", { status: "answered", limit: 50 });
      expect(answered.data.items.length).toBeGreaterThan(20);
      const page = await api.query("question.list", { regionCode: "KR-49-01", limit: 50 });
      expect(page.data.items.every((q: { regionCode: string }) => q.regionCode.startsWith("KR-49-01"))).toBe(true);
      await server.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
