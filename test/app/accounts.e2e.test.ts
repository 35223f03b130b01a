import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { startServer } from "../support/serverProcess.js";

// Accounts and abuse limits at the edge of the real service process, on the machine's PostgreSQL.
let db: TestDatabase;
let server: Awaited<ReturnType<typeof startServer>>;
let unlimited: Awaited<ReturnType<typeof startServer>>;
const APP_ORIGIN = "https://app.dongne.example";
const PASSWORD = "성산일출봉 새벽 등반";

beforeAll(async () => {
  db = await machineDatabase();
  // One after the other: each start runs the migrations under an advisory lock that a second start does not wait for.
  server = await startServer({
    DATABASE_URL: db.url,
    COOKIE_SECURE: "true",
    ALLOWED_ORIGINS: APP_ORIGIN,
    RATE_LIMIT_LOGIN_PER_ACCOUNT: "3/15m",
  });
  unlimited = await startServer({
    DATABASE_URL: db.url,
    RATE_LIMITS: "off",
    RATE_LIMIT_LOGIN_PER_ACCOUNT: "3/15m",
    TRUSTED_PROXIES: "loopback",
  });
}, 120_000);
afterAll(async () => {
  await Promise.all([server?.stop(), unlimited?.stop()]);
  await db?.drop();
});

interface Wire {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: wire JSON, asserted field by field
  readonly body: any;
}
const post = async (base: string, path: string, input: unknown, headers: Record<string, string> = {}): Promise<Wire> => {
  const res = await fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });
  return { status: res.status, headers: res.headers, body: await res.json() };
};
const get = async (base: string, path: string, headers: Record<string, string> = {}): Promise<Wire> => {
  const res = await fetch(`${base}/trpc/${path}`, { headers });
  return { status: res.status, headers: res.headers, body: await res.json() };
};
const question = {
  title: "우도 가는 배 첫차 시간 아시나요?",
  content: "성산항에서 우도 가는 첫 배가 몇 시인지, 차를 싣고 갈 수 있는지 궁금해요.",
  regionCode: "KR-49-01-01",
};

describe("the session cookie", () => {
  it("is __Host- prefixed, Secure, HttpOnly, SameSite=Lax, Path=/ and has no Domain", async () => {
    const res = await post(server.url, "auth.register", { email: "cookie@example.kr", password: PASSWORD, nickname: "쿠키" });
    expect(res.status).toBe(200);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^__Host-dongne_session=[\w-]{40,};/);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    expect(cookie).not.toMatch(/Domain=/i);
  });
});

describe("CSRF and CORS", () => {
  let cookie = "";
  let token = "";
  beforeAll(async () => {
    const res = await post(server.url, "auth.register", { email: "csrf@example.kr", password: PASSWORD, nickname: "이웃" });
    token = res.body.result.data.token;
    cookie = `__Host-dongne_session=${token}`;
  });
  const count = async () =>
    (await get(server.url, `question.list?input=${encodeURIComponent(JSON.stringify({ limit: 50 }))}`)).body.result.data.items.length;

  it("refuses a cookie-authenticated write from another origin with 403 CROSS_SITE_REQUEST, and writes nothing", async () => {
    const before = await count();
    const refusals: Record<string, string>[] = [
      { cookie, origin: "https://evil.example" },
      { cookie, origin: "null" },
      { cookie, "sec-fetch-site": "cross-site" },
      { cookie }, // a cookie without Origin or Sec-Fetch-Site: no browser sends that on a POST
    ];
    for (const headers of refusals) {
      const res = await post(server.url, "question.ask", question, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.error.data.code).toBe("CROSS_SITE_REQUEST");
      expect(res.body.error.message).toMatch(/다른 사이트/);
    }
    expect(await count()).toBe(before);
  });

  it("accepts the service's own pages, an allowed origin and bearer-token clients", async () => {
    const own = new URL(server.url).origin;
    expect((await post(server.url, "question.ask", question, { cookie, origin: own })).status).toBe(200);
    expect((await post(server.url, "question.ask", question, { cookie, "sec-fetch-site": "same-origin" })).status).toBe(200);
    const allowed = await post(server.url, "question.ask", question, { cookie, origin: APP_ORIGIN });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    expect(
      (await post(server.url, "question.ask", question, { authorization: `Bearer ${token}`, origin: "https://evil.example" })).status,
    ).toBe(200);
  });

  it("refuses a cross-site sign-in (login CSRF) too", async () => {
    const res = await post(server.url, "auth.login", { email: "csrf@example.kr", password: PASSWORD }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });

  it("answers an allowed origin's preflight with 204 and the methods and headers it may use; another origin's with 403", async () => {
    const ok = await fetch(`${server.url}/trpc/question.ask`, {
      method: "OPTIONS",
      headers: {
        origin: APP_ORIGIN,
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, idempotency-key",
      },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(APP_ORIGIN);
    expect(ok.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(ok.headers.get("access-control-allow-headers")).toMatch(/idempotency-key/);
    expect(ok.headers.get("access-control-allow-credentials")).toBe("true");
    const evil = await fetch(`${server.url}/trpc/question.ask`, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(evil.status).toBe(403);
    expect(((await evil.json()) as { error: { data: { code: string } } }).error.data.code).toBe("ORIGIN_NOT_ALLOWED");
  });
});

describe("sign-in throttling", () => {
  it("after 3 failures (RATE_LIMIT_LOGIN_PER_ACCOUNT=3/15m) answers 429 with Retry-After, even for the right password", async () => {
    await post(server.url, "auth.register", { email: "Throttle.Me@example.kr", password: PASSWORD, nickname: "잠김" });
    for (let i = 0; i < 3; i++)
      expect((await post(server.url, "auth.login", { email: "throttle.me@example.kr", password: `secret-guess-${i}` })).status).toBe(401);
    for (const password of ["secret-guess-4", PASSWORD]) {
      const res = await post(server.url, "auth.login", { email: "throttle.me@example.kr", password });
      expect(res.status).toBe(429);
      expect(res.body.error.data.code).toBe("TOO_MANY_REQUESTS");
      const retryAfter = Number(res.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(800);
      expect(retryAfter).toBeLessThanOrEqual(900);
      expect(res.body.error.data.retryAfterSeconds).toBe(retryAfter);
      expect(res.body.error.message).toMatch(/15분 후에 다시 시도할 수 있어요/);
    }
  });

  it("logs every refused sign-in without the password and without the whole email", async () => {
    // The log reaches the pipe a little after the response may have: wait (bounded) for all five lines.
    const failedLines = () =>
      server
        .output()
        .split("\n")
        .filter((l) => l.includes('"login_failed"') && l.includes("t***@example.kr"));
    for (let waited = 0; failedLines().length < 5 && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    const lines = failedLines();
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const entries = lines.map((l) => JSON.parse(l) as { email: string; reason: string; address: string });
    expect(entries.filter((e) => e.email === "t***@example.kr").map((e) => e.reason)).toEqual(
      expect.arrayContaining(["INVALID_CREDENTIALS", "TOO_MANY_REQUESTS"]),
    );
    expect(server.output()).not.toContain("secret-guess-");
    expect(lines.join("\n")).not.toContain("throttle.me@");
    expect(entries.every((e) => e.address === "127.0.0.1")).toBe(true);
  });

  it("ignores X-Forwarded-For unless the peer is a trusted proxy", async () => {
    await post(
      server.url,
      "auth.login",
      { email: "nobody-xff@example.kr", password: "secret-guess-x" },
      { "x-forwarded-for": "203.0.113.9" },
    );
    await post(
      unlimited.url,
      "auth.login",
      { email: "nobody-xff@example.kr", password: "secret-guess-y" },
      { "x-forwarded-for": "203.0.113.9" },
    );
    const addressOf = (output: string) =>
      output
        .split("\n")
        .filter((l) => l.includes("nobody-xff") || l.includes('"n***@example.kr"'))
        .map((l) => (JSON.parse(l) as { address: string }).address);
    expect(addressOf(server.output())).toEqual(["127.0.0.1"]);
    expect(addressOf(unlimited.output())).toEqual(["203.0.113.9"]);
  });

  it("RATE_LIMITS=off switches every limit off", async () => {
    await post(unlimited.url, "auth.register", { email: "bulk@example.kr", password: PASSWORD, nickname: "대량" });
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post(unlimited.url, "auth.login", { email: "bulk@example.kr", password: `secret-guess-${i}` })),
    );
    expect(statuses.map((s) => s.status)).toEqual(Array(12).fill(401));
    expect((await post(unlimited.url, "auth.login", { email: "bulk@example.kr", password: PASSWORD })).status).toBe(200);
  });
});

describe("passwords and devices over HTTP", () => {
  it("refuses a common password with its Korean reason on the field", async () => {
    const res = await post(server.url, "auth.register", { email: "common@example.kr", password: "password1234", nickname: "흔함" });
    expect(res.status).toBe(400);
    expect(res.body.error.data.code).toBe("COMMON_PASSWORD");
    expect(res.body.error.data.fieldErrors.password[0]).toMatch(/흔하거나/);
  });

  it("lists devices, signs one out, and a password change ends the others", async () => {
    const email = "devices@example.kr";
    const phone = (await post(server.url, "auth.register", { email, password: PASSWORD, nickname: "기기" }, { "user-agent": "Phone/1" }))
      .body.result.data.token;
    const laptop = (await post(server.url, "auth.login", { email, password: PASSWORD }, { "user-agent": "Laptop/1" })).body.result.data
      .token;
    const tablet = (await post(server.url, "auth.login", { email, password: PASSWORD }, { "user-agent": "Tablet/1" })).body.result.data
      .token;
    const devices = (await get(server.url, "auth.sessions", { authorization: `Bearer ${laptop}` })).body.result.data.items as {
      id: string;
      current: boolean;
      userAgent: string;
    }[];
    expect(devices.map((d) => [d.userAgent, d.current])).toEqual([
      ["Tablet/1", false],
      ["Laptop/1", true],
      ["Phone/1", false],
    ]);
    const phoneId = devices.find((d) => d.userAgent === "Phone/1")?.id;
    expect((await post(server.url, "auth.revokeSession", { sessionId: phoneId }, { authorization: `Bearer ${laptop}` })).status).toBe(200);
    expect((await get(server.url, "user.me", { authorization: `Bearer ${phone}` })).status).toBe(401);
    const changed = await post(
      server.url,
      "auth.changePassword",
      { currentPassword: PASSWORD, newPassword: "비자림 숲길 산책 2027" },
      { authorization: `Bearer ${laptop}` },
    );
    expect(changed.status).toBe(200);
    expect(changed.body.result.data.otherSessionsEnded).toBe(1);
    expect((await get(server.url, "user.me", { authorization: `Bearer ${tablet}` })).status).toBe(401);
    expect((await get(server.url, "user.me", { authorization: `Bearer ${laptop}` })).status).toBe(401);
    expect((await get(server.url, "user.me", { authorization: `Bearer ${changed.body.result.data.token}` })).status).toBe(200);
  });
});

describe("Idempotency-Key on mutations", () => {
  let token = "";
  let other = "";
  beforeAll(async () => {
    token = (await post(server.url, "auth.register", { email: "idem@example.kr", password: PASSWORD, nickname: "한번만" })).body.result.data
      .token;
    other = (await post(server.url, "auth.register", { email: "idem2@example.kr", password: PASSWORD, nickname: "두번째" })).body.result
      .data.token;
  });
  // Signed in: a user's own reads are fresh, while an anonymous first page may come from the public cache.
  const mine = async () =>
    (
      await get(server.url, `question.list?input=${encodeURIComponent(JSON.stringify({ limit: 50 }))}`, {
        authorization: `Bearer ${token}`,
      })
    ).body.result.data.items.filter((q: { title: string }) => q.title.startsWith("[멱등]")).length;
  const ask = (key: string, title: string, bearer = token) =>
    post(server.url, "question.ask", { ...question, title }, { authorization: `Bearer ${bearer}`, "idempotency-key": key });

  it("replays the stored answer for the same key and input, and refuses the key with another input (422)", async () => {
    const first = await ask("key-replay-1", "[멱등] 우도 배 첫차 시간?");
    const again = await ask("key-replay-1", "[멱등] 우도 배 첫차 시간?");
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await mine()).toBe(1);
    const reused = await ask("key-replay-1", "[멱등] 가파도 배 첫차 시간?");
    expect(reused.status).toBe(422);
    expect(reused.body.error.data.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(await mine()).toBe(1);
    // Keys are per user: another user's same key is a request of its own.
    expect((await ask("key-replay-1", "[멱등] 우도 배 첫차 시간?", other)).body.result.data.id).not.toBe(first.body.result.data.id);
    expect(await mine()).toBe(2);
  });

  it("concurrent duplicates have one effect and one answer", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => ask("key-concurrent-1", "[멱등] 성산 일출 시간 알려주세요")));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(new Set(answers.map((a) => a.body.result.data.id)).size).toBe(1);
    expect(await mine()).toBe(3);
  });

  it("replays a typed refusal the first request got", async () => {
    const q = (await ask("key-own-1", "[멱등] 내 질문에 내 답변 채택?")).body.result.data;
    const answer = (
      await post(
        server.url,
        "answer.create",
        { questionId: q.id, content: "제가 직접 답해 봅니다. 첫 배는 8시예요." },
        { authorization: `Bearer ${token}` },
      )
    ).body.result.data;
    const accept = () =>
      post(server.url, "answer.accept", { answerId: answer.id }, { authorization: `Bearer ${token}`, "idempotency-key": "key-accept-1" });
    const first = await accept();
    expect(first.body.error.data.code).toBe("CANNOT_ACCEPT_OWN_ANSWER");
    expect((await accept()).body).toEqual(first.body);
  });

  it("refuses a key where the answer carries a new secret, on a batch, and a malformed key", async () => {
    const register = await post(
      server.url,
      "auth.register",
      { email: "idem3@example.kr", password: PASSWORD, nickname: "세번째" },
      { "idempotency-key": "key-register-1" },
    );
    expect(register.status).toBe(400);
    expect(register.body.error.data.code).toBe("IDEMPOTENCY_NOT_SUPPORTED");
    const batch = await fetch(`${server.url}/trpc/question.ask,question.ask?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "idempotency-key": "key-batch-1" },
      body: JSON.stringify({ 0: question, 1: question }),
    });
    expect(batch.status).toBe(400);
    const bad = await ask("k".repeat(256), "[멱등] 너무 긴 키로 보낸 질문");
    expect(bad.status).toBe(400);
    expect(bad.body.error.data.code).toBe("INVALID_IDEMPOTENCY_KEY");
    expect(await mine()).toBe(4);
  });
});
