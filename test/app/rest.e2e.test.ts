import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGLISH_MESSAGES, ERROR_TABLE } from "../../src/app/api/errorCatalogue.js";
import { OUTPUTS } from "../../src/app/api/outputs.js";
import { startServer } from "../support/serverProcess.js";

let server: Awaited<ReturnType<typeof startServer>>;
// biome-ignore lint/suspicious/noExplicitAny: the document as a client downloads it, read field by field
let document: any;

beforeAll(async () => {
  server = await startServer();
  const res = await fetch(`${server.url}/openapi.json`);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  document = await res.json();
  // A service that starts slowly on a busy machine (the embedded database's first start) is no failure of REST.
}, 120_000);
afterAll(() => server?.stop());

/** The method and path the document gives a procedure (its `x-trpc-procedure`), as a mobile client would look them up. */
const operation = (procedure: string) => {
  for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, { "x-trpc-procedure"?: string }>>))
    for (const [method, op] of Object.entries(item))
      if (op["x-trpc-procedure"] === procedure) return { method: method.toUpperCase(), path };
  throw new Error(`the document has no operation for ${procedure}`);
};

const call = async (
  procedure: string,
  options: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown; token?: string; language?: string } = {},
) => {
  const { method, path } = operation(procedure);
  let url = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? ""));
  if (options.query) url += `?${new URLSearchParams(options.query)}`;
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.language) headers["accept-language"] = options.language;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: untyped wire JSON, asserted field by field
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
};

const question = {
  title: "우도 가는 배 시간표 어디서 보나요?",
  content: "성산항에서 우도 들어가는 배 첫 배와 막배 시간이 궁금해요. 겨울에도 같은가요?",
  hashtags: ["우도", "배편"],
  regionCode: "KR-49-02-05",
};

describe("REST + OpenAPI against the running service", () => {
  it("serves a valid OpenAPI 3.1 document at /openapi.json", async () => {
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(document.openapi).toBe("3.1.0");
  });

  it("registers, asks, reads, answers and accepts by the document's paths, with bearer tokens", async () => {
    const asker = await call("auth.register", {
      body: { email: "rest-asker@example.kr", password: "우도배편2026!", nickname: "우도여행" },
    });
    expect(asker.status).toBe(200);
    expect(asker.headers.get("set-cookie")).toBeNull();
    OUTPUTS["auth.register"]?.parse(asker.body);
    const local = await call("auth.register", {
      body: { email: "rest-local@example.kr", password: "성산토박이2026!", nickname: "성산주민", regionCode: "KR-49-02-05" },
    });
    const asked = await call("question.ask", { body: question, token: asker.body.token });
    expect(asked.status).toBe(200);
    expect(asked.body).toMatchObject({ status: "open", hashtags: ["우도", "배편"], regionCode: "KR-49-02-05" });
    OUTPUTS["question.ask"]?.parse(asked.body);

    const got = await call("question.get", { params: { id: asked.body.id } });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: asked.body.id, title: question.title, answers: [] });
    OUTPUTS["question.get"]?.parse(got.body);

    const answer = await call("answer.create", {
      params: { questionId: asked.body.id },
      body: { content: "성산항 매표소 앞 안내판과 우도 도항선 사이트에 매일 올라와요. 겨울엔 막배가 빨라요." },
      token: local.body.token,
    });
    expect(answer.status).toBe(200);
    const accepted = await call("answer.accept", { params: { answerId: answer.body.id }, token: asker.body.token });
    expect(accepted.body).toMatchObject({ pointsAwarded: 150, question: { status: "answered" } });
    const balance = await call("points.balance", { token: local.body.token });
    expect(balance.body.balance).toBeGreaterThanOrEqual(150);

    const listed = await call("question.list", { query: { regionCode: "KR-49-02", limit: "5" } });
    expect(listed.body.items.map((q: { id: string }) => q.id)).toContain(asked.body.id);
    const found = await call("search.questions", { query: { query: "우도 배", filters: JSON.stringify({ hashtags: ["배편"] }) } });
    expect(found.status).toBe(200);
    expect(found.body.hits.map((h: { id: string }) => h.id)).toContain(asked.body.id);
  });

  it("answers errors with the catalogue's status, code, Korean message and field; English on Accept-Language: en", async () => {
    const { body: user } = await call("auth.register", {
      body: { email: "rest-errors@example.kr", password: "비밀번호12345", nickname: "오류" },
    });
    const short = { ...question, title: "배 시간?" };
    const korean = await call("question.ask", { body: short, token: user.token });
    expect(korean.status).toBe(400);
    expect(korean.headers.get("content-language")).toBe("ko");
    expect(korean.body).toEqual({
      error: {
        code: "QUESTION_TITLE_LENGTH",
        message: ERROR_TABLE.QuestionTitleLength.message,
        fieldErrors: { title: [ERROR_TABLE.QuestionTitleLength.message] },
      },
    });
    const english = await call("question.ask", { body: short, token: user.token, language: "en-US,en;q=0.9" });
    expect(english.headers.get("content-language")).toBe("en");
    expect(english.body.error).toEqual({
      code: "QUESTION_TITLE_LENGTH",
      message: ENGLISH_MESSAGES.QUESTION_TITLE_LENGTH,
      fieldErrors: { title: [ENGLISH_MESSAGES.QUESTION_TITLE_LENGTH] },
    });
    const anonymous = await call("question.ask", { body: question });
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, "UNAUTHENTICATED"]);
    expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const missing = await call("question.get", { params: { id: "00000000-0000-4000-8000-000000000000" }, language: "en" });
    expect([missing.status, missing.body.error.code, missing.body.error.message]).toEqual([
      404,
      "QUESTION_NOT_FOUND",
      ENGLISH_MESSAGES.QUESTION_NOT_FOUND,
    ]);
    const wrongMethod = await fetch(`${server.url}${operation("auth.login").path}`);
    expect([wrongMethod.status, wrongMethod.headers.get("allow")]).toEqual([405, "POST"]);
    const huge = await fetch(`${server.url}${operation("auth.login").path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "x".repeat(1024 * 1024 + 10), password: "x" }),
    });
    expect([huge.status, ((await huge.json()) as { error: { code: string } }).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });

  it("lets tRPC clients ask for English messages too, the procedure names unchanged", async () => {
    const res = await fetch(
      `${server.url}/trpc/question.get?input=${encodeURIComponent(JSON.stringify({ id: "00000000-0000-4000-8000-000000000000" }))}`,
      {
        headers: { "accept-language": "en" },
      },
    );
    const body = (await res.json()) as { error: { message: string; data: { code: string } } };
    expect([res.status, body.error.data.code, body.error.message]).toEqual([
      404,
      "QUESTION_NOT_FOUND",
      ENGLISH_MESSAGES.QUESTION_NOT_FOUND,
    ]);
    const input = encodeURIComponent(JSON.stringify({ lat: "north", lng: 126.5, radiusKm: 3 }));
    const invalid = await fetch(`${server.url}/trpc/question.nearby?input=${input}`, { headers: { "accept-language": "en" } });
    const refused = (await invalid.json()) as { error: { data: { code: string; fieldErrors: Record<string, string[]> } } };
    expect(refused.error.data.code).toBe("INVALID_INPUT");
    expect(refused.error.data.fieldErrors.lat?.[0]).toMatch(/^Invalid input: expected number/);
    const korean = await fetch(`${server.url}/trpc/question.nearby?input=${input}`);
    expect(((await korean.json()) as typeof refused).error.data.fieldErrors.lat?.[0]).toMatch(/[가-힣]/);
  });

  it("serves the interactive reference at /docs from this process only", async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/default-src 'none'.*script-src 'self'/);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(assets).toEqual(expect.arrayContaining(["/docs/swagger-ui-bundle.js", "/docs/init.js", "/docs/swagger-ui.css"]));
    for (const asset of assets) {
      const res = await fetch(`${server.url}${asset}`);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    expect(await (await fetch(`${server.url}/docs/init.js`)).text()).toContain('url: "/openapi.json"');
    const gzipped = await fetch(`${server.url}/docs/swagger-ui-bundle.js`, { headers: { "accept-encoding": "gzip" } });
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect((await fetch(`${server.url}/docs/nothing.js`)).status).toBe(404);
    const posted = await fetch(`${server.url}/openapi.json`, { method: "POST" });
    expect([posted.status, posted.headers.get("allow")]).toEqual([405, "GET, HEAD"]);
  });
});
