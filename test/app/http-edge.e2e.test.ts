import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { machineDatabase, type TestDatabase } from "../support/postgres.js";
import { startServer } from "../support/serverProcess.js";
import { trpcClient } from "../support/trpcHttp.js";

// The HTTP edge of the real service on the machine's PostgreSQL: what tRPC refuses before any procedure runs,
// and bad input that used to reach PostgreSQL and come back as a 500.
let db: TestDatabase;
let server: Awaited<ReturnType<typeof startServer>>;
let api: ReturnType<typeof trpcClient>;

beforeAll(async () => {
  db = await machineDatabase();
  server = await startServer({ DATABASE_URL: db.url });
  api = trpcClient(server.url);
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

interface WireError {
  readonly message: string;
  readonly data: { readonly code: string; readonly httpStatus: number; readonly fieldErrors: Record<string, string[]> };
}
const send = async (path: string, init: RequestInit = {}) => {
  const res = await fetch(`${server.url}/trpc/${path}`, init);
  const text = await res.text();
  return { status: res.status, bytes: text.length, body: JSON.parse(text) as { error?: WireError } | { error?: WireError }[] };
};
const batchPath = (name: string, n: number) => `${Array.from({ length: n }, () => name).join(",")}?batch=1`;
const login = { email: "nobody@example.kr", password: "비밀번호12345" };

describe("HTTP edge", () => {
  it("a batch over the cap is refused whole with BATCH_TOO_LARGE; at the cap it is served", async () => {
    const inputs = (n: number) => encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [i, {}]))));
    const tooMany = await send(`${batchPath("region.list", 11)}&input=${inputs(11)}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({
      error: { message: "한 번에 묶어 보낼 수 있는 요청은 10개까지예요.", data: { code: "BATCH_TOO_LARGE", httpStatus: 400 } },
    });
    // The reported flood: a 6 KB URL that answered with 4 MB.
    const flood = await send(batchPath("region.list", 500));
    expect(flood.status).toBe(400);
    expect(flood.bytes).toBeLessThan(1000);

    const atCap = await send(`${batchPath("region.list", 10)}&input=${inputs(10)}`);
    expect(atCap.status).toBe(200);
    expect(atCap.body).toHaveLength(10);

    const logins = await send(batchPath("auth.login", 500), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [i, login]))),
    });
    expect(logins.status).toBe(400);
    expect(logins.body).toMatchObject({ error: { data: { code: "BATCH_TOO_LARGE" } } });
  });

  it("a body that is not JSON is UNSUPPORTED_MEDIA_TYPE (415), not INTERNAL", async () => {
    for (const headers of [{ "content-type": "text/plain" }, { "content-type": "application/x-www-form-urlencoded" }, undefined]) {
      const res = await send("auth.login", { method: "POST", ...(headers ? { headers } : {}), body: "email=a@b.kr&password=x" });
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({
        error: {
          message: "요청 본문은 JSON으로 보내 주세요(Content-Type: application/json).",
          data: { code: "UNSUPPORTED_MEDIA_TYPE", httpStatus: 415 },
        },
      });
    }
    // Declared JSON that does not parse is the caller's input, a 400.
    const broken = await send("auth.login", { method: "POST", headers: { "content-type": "application/json" }, body: "{email:" });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: { data: { code: "INVALID_INPUT" } } });
  });

  it("the wrong HTTP method is METHOD_NOT_SUPPORTED (405), whichever way round", async () => {
    const expected = {
      error: {
        message: "이 요청 방식은 쓸 수 없어요. 조회는 GET, 변경은 POST로 보내 주세요.",
        data: { code: "METHOD_NOT_SUPPORTED", httpStatus: 405 },
      },
    };
    const getMutation = await send(`auth.login?input=${encodeURIComponent(JSON.stringify(login))}`);
    expect(getMutation.status).toBe(405);
    expect(getMutation.body).toMatchObject(expected);
    const postQuery = await send("question.list", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(postQuery.status).toBe(405);
    expect(postQuery.body).toMatchObject(expected);
  });

  it("bad ids, cursors and NUL characters are 400s on their fields, and nothing reaches the error log", async () => {
    const id = await api.query("question.get", { id: "1" });
    expect(id.status).toBe(400);
    expect(id.error?.data).toMatchObject({ code: "INVALID_INPUT", fieldErrors: { id: ["올바른 ID가 아니에요."] } });
    expect((await api.query("user.get", { id: "x" })).status).toBe(400);
    expect((await api.query("badge.list", { userId: "x" })).status).toBe(400);
    expect((await api.query("question.list", { authorId: "x" })).status).toBe(400);

    const nul = await api.mutate("auth.login", { ...login, email: "nobody\u0000@example.kr" });
    expect(nul.status).toBe(400);
    expect(nul.error?.data).toMatchObject({ code: "INVALID_CHARACTERS", fieldErrors: { email: [expect.stringContaining("문자")] } });
    expect((await api.query("search.suggest", { prefix: "\u0000" })).error?.data.code).toBe("INVALID_CHARACTERS");

    const user = await api.mutate("auth.register", { email: "edge@example.kr", password: "비밀번호12345", nickname: "경계" });
    const forged = Buffer.from(JSON.stringify({ n: "not-a-uuid" })).toString("base64url");
    const cursor = await api.query("notification.list", { cursor: forged }, user.data.token);
    expect(cursor.status).toBe(400);
    expect(cursor.error?.data).toMatchObject({ code: "INVALID_CURSOR", fieldErrors: { cursor: [expect.any(String)] } });
    const ledger = Buffer.from(JSON.stringify({ e: "1" })).toString("base64url");
    expect((await api.query("points.history", { cursor: ledger }, user.data.token)).error?.data.code).toBe("INVALID_CURSOR");

    const errors = server
      .output()
      .split("\n")
      .filter((line) => line.includes('"level":50'));
    expect(errors).toEqual([]);
  });
});
