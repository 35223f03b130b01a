import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { machineDatabase } from "../support/postgres.js";
import { SEARCH_ENGINE_URL, searchClient } from "../support/searchEngine.js";
import { makeDataDir, startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

/** A command-line tool as `npm run` starts it, with the test's environment plus `env`. */
const tool = (script: string, env: Record<string, string>, args: string[] = []) => {
  const { DATABASE_URL: _, ...inherited } = process.env;
  return spawnSync(process.execPath, ["--import", "tsx", script, ...args], {
    env: { ...inherited, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
};

/** A loopback port nobody listens on. */
const closedPort = () =>
  new Promise<number>((done) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => done(typeof address === "object" && address ? address.port : 0));
    });
  });

const STACK_LINE = /^\s+at /m;

describe("command-line tools", () => {
  it("work beside a running service: they share its embedded database instead of failing on the DATA_DIR lock", async () => {
    const dataDir = makeDataDir();
    try {
      const server = await startServer({}, { dataDir });
      const migrated = tool("src/app/cli/migrate.ts", { DATA_DIR: dataDir });
      expect(migrated.stderr).not.toMatch(STACK_LINE);
      expect(migrated.stdout).toContain("Database is up to date.");
      expect(migrated.status).toBe(0);
      // The service's database is still there, and still the service's.
      const api = trpcClient(server.url);
      expect(
        (await api.mutate("auth.register", { email: "beside@example.kr", password: "비밀번호12345", nickname: "옆사람" })).status,
      ).toBe(200);
      await server.stop();
      expect(server.output()).toContain("stopped");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("say what is wrong in one line, without a stack trace, for the conditions an operator meets", async () => {
    const badConfig = tool("src/app/cli/migrate.ts", { DATABASE_POOL_SIZE: "0" });
    expect(badConfig.status).toBe(1);
    expect(badConfig.stderr).toContain("Invalid configuration");
    expect(badConfig.stderr).toContain("DATABASE_POOL_SIZE");

    const noServer = tool("src/app/cli/migrate.ts", { DATABASE_URL: `postgres://dongne@127.0.0.1:${await closedPort()}/dongne` });
    expect(noServer.status).toBe(1);
    expect(noServer.stderr).toMatch(/^The database cannot be used \(ECONNREFUSED.*Check DATABASE_URL/);

    // A DATA_DIR whose postmaster.pid names a live process (this one) that is no PostgreSQL.
    const dataDir = makeDataDir();
    try {
      mkdirSync(join(dataDir, "postgres"));
      writeFileSync(
        join(dataDir, "postgres", "postmaster.pid"),
        `${process.pid}\n${dataDir}/postgres\n0\n${await closedPort()}\n\n127.0.0.1\n`,
      );
      writeFileSync(join(dataDir, "postgres.secret"), "not-the-password");
      const stale = tool("src/app/cli/migrate.ts", { DATA_DIR: dataDir });
      expect(stale.status).toBe(1);
      expect(stale.stderr).toMatch(/^DATA_DIR is in use by PostgreSQL \(pid \d+, .*\), but its database does not answer/);
      expect(stale.stderr).not.toMatch(STACK_LINE);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }

    for (const run of [badConfig, noServer]) expect(run.stderr).not.toMatch(STACK_LINE);
  }, 120_000);

  it("include the search administration, which shares a running service's embedded database too", async () => {
    const dataDir = makeDataDir();
    const alias = `dongne-cli-${randomBytes(4).toString("hex")}`;
    const env = { DATA_DIR: dataDir, SEARCH_ENGINE_URL, SEARCH_INDEX_ALIAS: alias };
    try {
      const server = await startServer(env, { dataDir });
      const reindexed = tool("src/app/cli/searchAdmin.ts", env, ["reindex"]);
      expect(reindexed.stderr).not.toMatch(STACK_LINE);
      expect(reindexed.stdout).toMatch(new RegExp(`^Reindexed 0 questions into ${alias}-\\d+; alias ${alias} moved`));
      expect(reindexed.status).toBe(0);
      const drift = tool("src/app/cli/searchAdmin.ts", env, ["drift"]);
      expect(drift.status, drift.stderr).toBe(0);
      expect(JSON.parse(drift.stdout)).toMatchObject({ alias, drift: false, listed: 0, indexed: 0 });
      // The service's database is still there, and still the service's.
      const api = trpcClient(server.url);
      expect((await api.mutate("auth.register", { email: "cli@example.kr", password: "비밀번호12345", nickname: "도구사람" })).status).toBe(
        200,
      );
      await server.stop();
      expect(server.output()).toContain("stopped");
    } finally {
      await searchClient()
        .indices.delete({ index: `${alias}*` })
        .catch(() => {});
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("say in one line when the search engine cannot be reached, and what to check", async () => {
    const db = await machineDatabase();
    try {
      const down = tool(
        "src/app/cli/searchAdmin.ts",
        { DATABASE_URL: db.url, SEARCH_ENGINE_URL: `http://127.0.0.1:${await closedPort()}` },
        ["drift"],
      );
      expect(down.status).toBe(1);
      expect(down.stderr).toMatch(/^The search engine cannot be used \(.*\)\. Check SEARCH_ENGINE_URL/);
      expect(down.stderr).not.toMatch(STACK_LINE);
      const usage = tool("src/app/cli/searchAdmin.ts", { DATABASE_URL: db.url }, ["rebuild"]);
      expect(usage.status).toBe(2);
      expect(usage.stderr).toContain("usage: search-admin reindex | drift [--repair]");
    } finally {
      await db.drop();
    }
  }, 120_000);
});
