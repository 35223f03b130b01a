import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { makeDataDir, startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

const seed = (dataDir: string) => {
  const { DATABASE_URL: _, ...env } = process.env;
  return spawnSync(process.execPath, ["--import", "tsx", "src/app/cli/seedDemo.ts"], {
    env: { ...env, DATA_DIR: dataDir },
    encoding: "utf8",
    timeout: 300_000,
  });
};

describe("npm run seed:demo", () => {
  it("loads a living community beside the running service (users, questions, answers, acceptances, views), once", async () => {
    const dataDir = makeDataDir();
    try {
      const server = await startServer({}, { dataDir });
      const first = seed(dataDir);
      expect(first.stderr).toBe("");
      expect(first.stdout).toMatch(/Loaded \d+ users, \d{3} questions, \d+ answers \(\d+ accepted\)/);
      expect(first.status).toBe(0);
      expect(seed(dataDir).stdout).toContain("already loaded");

      const api = trpcClient(server.url);
      const login = await api.mutate("auth.login", { email: "resident1@demo.dongne.kr", password: "jeju-demo-2026" });
      expect(login.data.user).toMatchObject({ isLocalVerified: true });
      const answered = await api.query("question.list", { status: "answered", limit: 50 });
      expect(answered.data.items.length).toBeGreaterThan(20);
      const page = await api.query("question.list", { regionCode: "KR-49-01", limit: 50 });
      expect(page.data.items.every((q: { regionCode: string }) => q.regionCode.startsWith("KR-49-01"))).toBe(true);
      // The README's search examples work on the demo: 초성 and Hangul typed in English mode.
      for (const query of ["ㅎㄹㅅ", "gksfktks"]) {
        const found = await api.query("search.questions", { query, size: 10 });
        expect(found.data.hits.length).toBeGreaterThan(0);
        expect(found.data.hits.every((h: { title: string }) => h.title.includes("한라산"))).toBe(true);
      }
      const viewed = await api.query("search.questions", { sort: "most_views", size: 5 });
      expect(viewed.data.hits[0].viewCount).toBeGreaterThan(50);
      await server.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
