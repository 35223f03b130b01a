import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionTokenDigest } from "../../src/adapters/crypto/sessionTokens.js";
import { sessionKey } from "../../src/adapters/redis/CachedSessionStore.js";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { startOwnRedis } from "../support/redis.js";
import { SEARCH_ENGINE_URL, searchClient } from "../support/searchEngine.js";
import { startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

const PASSWORD = "제주여행2026!";
const EMAIL = "leaver-e2e@example.kr";
const NICKNAME = "곧떠날올레꾼";
const HYEOPJAE = { lat: 33.394, lng: 126.2396 };
const DELETED = "탈퇴한 사용자";

const eventually = async (check: () => Promise<boolean>, ms = 20_000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
};

/**
 * The service on the machine's PostgreSQL, a Redis of the test's own and the search engine: an account's
 * deletion reaches every store the service writes.
 */
describe("privacy against the running service (PostgreSQL, Redis, search engine)", () => {
  let db: TestDatabase;
  let redis: Awaited<ReturnType<typeof startOwnRedis>>;
  let server: Awaited<ReturnType<typeof startServer>>;
  let api: ReturnType<typeof trpcClient>;
  const alias = `dongne-privacy-${randomBytes(4).toString("hex")}`;
  beforeAll(async () => {
    db = await machineDatabase();
    redis = await startOwnRedis();
    // A generous Redis budget: the test reads the sessions cache's entries, and a fill over the budget is skipped (best effort).
    server = await startServer({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: "1000",
      SEARCH_ENGINE_URL,
      SEARCH_INDEX_ALIAS: alias,
    });
    api = trpcClient(server.url);
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await redis?.stop();
    await searchClient()
      .indices.delete({ index: `${alias}-*` })
      .catch(() => {});
    await db?.drop();
  });

  const sql = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  };

  it("refuses location features without consent, records every use, and lets the person read and export them", async () => {
    const plain = await api.mutate("auth.register", { email: "plain-e2e@example.kr", password: PASSWORD, nickname: "동의안함" });
    expect(plain.status).toBe(200);
    const token = plain.data.token as string;
    const refused = await api.mutate("user.verifyLocal", HYEOPJAE, token);
    expect(refused.status).toBe(403);
    expect(refused.error?.data.code).toBe("LOCATION_CONSENT_REQUIRED");
    const consents = await api.query("user.consents", undefined, token);
    expect(consents.data.consents.map((c: { kind: string; granted: boolean }) => [c.kind, c.granted])).toEqual([
      ["terms", true],
      ["privacy", true],
      ["location", false],
      ["marketing", false],
      ["guardian", false],
    ]);
    await api.mutate("user.setConsent", { kind: "location", granted: true }, token);
    const nearby = await api.query("question.nearby", { ...HYEOPJAE, radiusKm: 1 }, token);
    expect(nearby.status).toBe(200);
    const log = await api.query("user.locationLog", undefined, token);
    expect(log.data.items.map((r: { purpose: string }) => r.purpose)).toEqual(["nearby_search"]);
    const exported = await api.query("user.exportData", undefined, token);
    expect(exported.data.profile.email).toBe("plain-e2e@example.kr");
    expect(exported.data.locationUses).toHaveLength(1);
    expect(exported.data.sessions).toHaveLength(1);
  });

  it("deletes an account at once from every store: sessions, email and nickname gone; its posts read 탈퇴한 사용자", async () => {
    const leaver = await api.mutate("auth.register", {
      email: EMAIL,
      password: PASSWORD,
      nickname: NICKNAME,
      consents: { terms: true, privacy: true, location: true },
      birthYear: 1988,
    });
    const token = leaver.data.token as string;
    const userId = leaver.data.user.id as string;
    const second = (await api.mutate("auth.login", { email: EMAIL, password: PASSWORD })).data.token as string;
    const other = (await api.mutate("auth.register", { email: "stays-e2e@example.kr", password: PASSWORD, nickname: "남는이웃" })).data
      .token as string;
    const asked = await api.mutate(
      "question.ask",
      {
        title: "협재해수욕장 근처 주차 가능한가요?",
        content: "주말에 협재해수욕장 가려는데 주차장이 넉넉한지 궁금해요.",
        hashtags: ["협재"],
        location: HYEOPJAE,
      },
      token,
    );
    expect(asked.status).toBe(200);
    const questionId = asked.data.id as string;
    await api.mutate("answer.create", { questionId, content: "해수욕장 옆 공영주차장이 있어요. 오전에는 여유 있어요." }, other);
    // Both caches hold the author: the anonymous page and list (Redis), the session (Redis and memory).
    expect((await api.query("question.get", { id: questionId })).data.author.nickname).toBe(NICKNAME);
    expect((await api.query("question.list")).status).toBe(200);
    expect((await api.query("user.me", undefined, token)).status).toBe(200);
    expect((await api.query("user.me", undefined, second)).status).toBe(200);
    const engine = searchClient();
    const docNickname = async () => {
      const r = await engine.search({ index: alias, body: { query: { ids: { values: [questionId] } } } }).catch(() => undefined);
      return (r?.body.hits.hits[0]?._source as { user?: { nickname?: string } } | undefined)?.user?.nickname;
    };
    expect(await eventually(async () => (await docNickname()) === NICKNAME)).toBe(true);

    const peek = new Redis(redis.url);
    // The sessions are cached in Redis now (user.me filled them).
    for (const t of [token, second]) expect(JSON.parse((await peek.get(sessionKey(sessionTokenDigest(t)))) ?? "{}").u).toBe(userId);
    peek.disconnect();
    const wrong = await api.mutate("user.deleteAccount", { password: "틀린 비밀번호예요" }, token);
    expect(wrong.status).toBe(403);
    expect(wrong.error?.data.code).toBe("WRONG_PASSWORD");
    const deleted = await api.mutate("user.deleteAccount", { password: PASSWORD }, token);
    expect(deleted.status).toBe(200);
    expect(deleted.data).toMatchObject({ sessionsEnded: 2, questionsKept: 1 });
    expect(deleted.headers.get("set-cookie") ?? "").toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);

    // Sessions: refused at once, through the caches.
    expect((await api.query("user.me", undefined, token)).status).toBe(401);
    expect((await api.query("user.me", undefined, second)).status).toBe(401);
    expect((await api.mutate("auth.login", { email: EMAIL, password: PASSWORD })).status).toBe(401);

    // PostgreSQL: no row anywhere holds the email or the nickname; nothing personal is left of the account.
    const tables = await sql<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'ARRAY')`,
    );
    for (const { table_name, column_name } of tables) {
      const hits = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM "${table_name}" WHERE "${column_name}"::text LIKE $1 OR "${column_name}"::text LIKE $2`,
        [`%${EMAIL}%`, `%${NICKNAME}%`],
      );
      expect(hits[0]?.n, `${table_name}.${column_name}`).toBe(0);
    }
    const [row] = await sql<{ nickname: string; birth_year: number | null; deleted_at: Date | null }>(
      "SELECT nickname, birth_year, deleted_at FROM users WHERE id = $1",
      [userId],
    );
    expect(row).toMatchObject({ nickname: DELETED, birth_year: null });
    expect(row?.deleted_at).not.toBeNull();
    for (const table of ["sessions", "user_consents", "location_use_records", "notifications", "user_badges", "idempotency_keys"])
      expect((await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [userId]))[0]?.n, table).toBe(0);
    expect(await sql("SELECT lat, lng FROM questions WHERE id = $1", [questionId])).toEqual([{ lat: null, lng: null }]);
    expect((await sql<{ n: number }>("SELECT count(*)::int AS n FROM account_deletions"))[0]?.n).toBe(1);

    // The community's view: the question stays, by 탈퇴한 사용자, in the pages, lists and search.
    expect(await eventually(async () => (await api.query("question.get", { id: questionId })).data.author.nickname === DELETED)).toBe(true);
    const list = await api.query("question.list");
    expect(list.data.items.map((q: { id: string }) => q.id)).toContain(questionId);
    expect(await eventually(async () => (await docNickname()) === DELETED)).toBe(true);

    // Redis: no key or value holds the email, the nickname or a token.
    const client = new Redis(redis.url);
    try {
      expect(
        await eventually(async () => {
          for (const key of await client.keys("*")) {
            const type = await client.type(key);
            const value =
              type === "string" ? ((await client.get(key)) ?? "") : type === "set" ? (await client.smembers(key)).join(",") : "";
            if (`${key} ${value}`.includes(NICKNAME) || `${key} ${value}`.includes(EMAIL) || value.includes(token)) return false;
          }
          return true;
        }),
      ).toBe(true);
      // The leaver's cached sessions are tombstoned (or gone), whichever instance cached them.
      for (const t of [token, second]) expect([null, "revoked"]).toContain(await client.get(sessionKey(sessionTokenDigest(t))));
    } finally {
      client.disconnect();
    }

    // The email is free for a new account at once.
    const again = await api.mutate("auth.register", { email: EMAIL, password: PASSWORD, nickname: "돌아온올레꾼" });
    expect(again.status).toBe(200);
    expect(again.data.user.id).not.toBe(userId);
  });

  it("npm run privacy:breach lists the people whose data a window touched (sessions and location uses here)", async () => {
    const { DATABASE_URL: _, ...inherited } = process.env;
    const run = (args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "src/app/cli/privacyBreach.ts", ...args], {
        env: { ...inherited, DATABASE_URL: db.url },
        encoding: "utf8",
        timeout: 120_000,
      });
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const done = run(["--from", from, "--to", to]);
    expect(done.status, done.stderr).toBe(0);
    const report = JSON.parse(done.stdout) as { touched: { userId: string; sources: string[] }[]; accountsDeleted: number };
    const [plain] = await sql<{ id: string }>("SELECT id FROM users WHERE email = 'plain-e2e@example.kr'");
    expect(report.touched).toContainEqual({ userId: plain?.id, sources: ["location_use", "session"] });
    expect(report.accountsDeleted).toBe(1);
    expect(run(["--from", "yesterday"]).status).toBe(2);
  });
});
