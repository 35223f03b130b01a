import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeDataDir, spawnServer, startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

const question = {
  title: "함덕 해수욕장 근처 조용한 숙소 있을까요?",
  content: "다음 주에 함덕에서 이틀 묵으려고 합니다. 조용하고 바다가 보이는 숙소를 추천해 주세요.",
  regionCode: "KR-49-01-04",
};

const collect = (child: ReturnType<typeof spawnServer>) =>
  new Promise<{ code: number | null; output: string }>((resolve) => {
    let output = "";
    child.stdout?.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.stderr?.on("data", (c: Buffer) => {
      output += c.toString();
    });
    child.on("exit", (code) => resolve({ code, output }));
  });

describe("npm start's embedded PostgreSQL", () => {
  it("keeps the data across a restart, and refuses a second server on the same DATA_DIR with a clear message", async () => {
    const dataDir = makeDataDir();
    try {
      const first = await startServer({}, { dataDir });
      const api = trpcClient(first.url);
      const user = await api.mutate("auth.register", { email: "restart@example.kr", password: "비밀번호12345", nickname: "재시작" });
      const asked = await api.mutate("question.ask", question, user.data.token);
      expect(asked.status).toBe(200);

      const second = collect(spawnServer({ DATA_DIR: dataDir }));
      const { code, output } = await second;
      expect(code).not.toBe(0);
      expect(output).toContain("DATA_DIR is in use");
      await first.stop();
      expect(first.output()).toContain("stopped");

      const again = await startServer({}, { dataDir });
      const api2 = trpcClient(again.url);
      const login = await api2.mutate("auth.login", { email: "restart@example.kr", password: "비밀번호12345" });
      expect(login.status).toBe(200);
      const got = await api2.query("question.get", { id: asked.data.id });
      expect(got.data).toMatchObject({ title: question.title, author: { nickname: "재시작" } });
      await again.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it.runIf(process.getuid?.() === 0)("runs as a normal user too (here: nobody), with the data owned by that user", async () => {
    const dataDir = makeDataDir();
    const uid = execFileSync("id", ["-u", "nobody"], { encoding: "utf8" }).trim();
    const gid = execFileSync("id", ["-g", "nobody"], { encoding: "utf8" }).trim();
    chownSync(dataDir, Number(uid), Number(gid));
    try {
      const server = await startServer({}, { dataDir, asUser: { uid, gid } });
      const api = trpcClient(server.url);
      expect(
        (await api.mutate("auth.register", { email: "nobody@example.kr", password: "비밀번호12345", nickname: "일반사용자" })).status,
      ).toBe(200);
      expect(execFileSync("stat", ["-c", "%U", `${dataDir}/postgres`], { encoding: "utf8" }).trim()).toBe("nobody");
      await server.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it.runIf(process.getuid?.() === 0)(
    "starts as root on a private DATA_DIR (mktemp -d makes it 0700), letting the postgres user pass through it",
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "dongne-private-"));
      try {
        const server = await startServer({}, { dataDir });
        const api = trpcClient(server.url);
        expect(
          (await api.mutate("auth.register", { email: "root@example.kr", password: "비밀번호12345", nickname: "관리자" })).status,
        ).toBe(200);
        expect(execFileSync("stat", ["-c", "%U", `${dataDir}/postgres`], { encoding: "utf8" }).trim()).toBe("postgres");
        // Passable, not readable: others still cannot list it.
        expect(statSync(dataDir).mode & 0o777).toBe(0o701);
        await server.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
