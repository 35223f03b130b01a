import { Layer, ManagedRuntime } from "effect";
import { afterAll, describe, expect, it } from "vitest";
import { RandomIds } from "../../../src/adapters/system/RandomIds.js";
import { SystemClock } from "../../../src/adapters/system/SystemClock.js";
import { ENGLISH_MESSAGES, ERROR_TABLE, GENERIC } from "../../../src/app/api/errorCatalogue.js";
import type { AppRuntime } from "../../../src/app/layers.js";
import { makeLogger } from "../../../src/app/logger.js";
import { makeReadYourWrites } from "../../../src/app/readYourWrites.js";
import { makeRestApi, type RestRequest } from "../../../src/app/rest/api.js";
import { inMemoryApp, TestPasswordHasher } from "../../support/testLayer.js";

const runtime: AppRuntime = ManagedRuntime.make(Layer.mergeAll(inMemoryApp(), SystemClock, RandomIds, TestPasswordHasher));
afterAll(() => runtime.dispose());
const api = makeRestApi({ runtime, logger: makeLogger("silent"), readYourWrites: makeReadYourWrites(0) });

const HANGUL = /[\uac00-\ud7af]/;
type Body = Record<string, unknown> & { error?: { code: string; message: string; fieldErrors: Record<string, string[]> } };

const request = async (
  method: string,
  url: string,
  options: { json?: unknown; body?: RestRequest["body"]; token?: string; headers?: Record<string, string> } = {},
) => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers["content-type"] ??= "application/json";
  const body = options.body ?? (options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json)));
  const response = await api({ method, url, headers, body });
  return { ...response, body: response.body as Body };
};

const password = "비밀번호12345";
const register = async (email: string, regionCode?: string) => {
  const r = await request("POST", "/api/v1/auth/register", { json: { email, password, nickname: "레스트", regionCode } });
  expect(r.status).toBe(200);
  return r.body as { token: string; user: { id: string } };
};
const question = {
  title: "협재해수욕장 근처 주차 가능한가요?",
  content: "주말에 협재해수욕장 가려는데 주차장이 넉넉한지 궁금해요.",
  regionCode: "KR-49-01-01",
};

describe("REST: the procedures under /api/v1", () => {
  it("registers, asks, reads, answers and accepts by resource paths, with a bearer token and no cookie", async () => {
    const asker = await register("rest-asker@example.kr");
    const local = await register("rest-local@example.kr", "KR-49-01-01");
    const asked = await request("POST", "/api/v1/questions", { token: asker.token, json: { ...question, hashtags: ["주차"] } });
    expect(asked.status).toBe(200);
    expect(asked.headers).not.toHaveProperty("Set-Cookie");
    const id = asked.body.id as string;
    const got = await request("GET", `/api/v1/questions/${id}`);
    expect(got.body).toMatchObject({ id, title: question.title, answers: [] });
    const answered = await request("POST", `/api/v1/questions/${id}/answers`, {
      token: local.token,
      json: { content: "해수욕장 옆 공영주차장이 있어요. 오전에는 여유 있어요." },
    });
    expect(answered.status).toBe(200);
    const accepted = await request("POST", `/api/v1/answers/${answered.body.id as string}/accept`, { token: asker.token });
    expect(accepted.body).toMatchObject({ pointsAwarded: 150 });
    const me = await request("GET", "/api/v1/users/me", { token: local.token });
    expect(me.body).toMatchObject({ id: local.user.id, pointBalance: expect.any(Number) });
    const badges = await request("GET", `/api/v1/users/${local.user.id}/badges`);
    expect(badges.body.badges).toEqual(expect.arrayContaining([expect.objectContaining({ type: "first_answer" })]));
  });

  it("reads a query's input from the query string: numbers, repeated arrays, JSON objects, no input at all", async () => {
    const { token } = await register("rest-query@example.kr");
    await request("POST", "/api/v1/questions", { token, json: { ...question, hashtags: ["주차", "협재"] } });
    const page = await request("GET", "/api/v1/questions?limit=1&sort=newest");
    expect((page.body.items as unknown[]).length).toBe(1);
    expect((await request("GET", "/api/v1/questions")).status).toBe(200);
    const near = await request("GET", "/api/v1/questions/nearby?lat=33.394&lng=126.2396&radiusKm=5");
    expect(near.status).toBe(200);
    const filters = encodeURIComponent(JSON.stringify({ hashtags: ["주차"], regionCode: "KR-49-01" }));
    const found = await request("GET", `/api/v1/search/questions?query=${encodeURIComponent("협재")}&filters=${filters}&size=5`);
    expect(found.status).toBe(200);
    expect(found.body.total).toBeGreaterThan(0);
    const suggested = await request("GET", `/api/v1/search/suggest?prefix=${encodeURIComponent("협재")}`);
    expect(suggested.body.suggestions).toEqual(expect.arrayContaining([question.title]));
  });

  it("answers errors with the catalogue's status, code, message and field, in Korean or English", async () => {
    const { token } = await register("rest-errors@example.kr");
    const short = await request("POST", "/api/v1/questions", { token, json: { ...question, title: "짧아요" } });
    expect(short.status).toBe(400);
    expect(short.headers["Content-Language"]).toBe("ko");
    expect(short.body.error).toEqual({
      code: "QUESTION_TITLE_LENGTH",
      message: ERROR_TABLE.QuestionTitleLength.message,
      fieldErrors: { title: [ERROR_TABLE.QuestionTitleLength.message] },
    });
    const english = await request("POST", "/api/v1/questions", {
      token,
      json: { ...question, title: "짧아요" },
      headers: { "accept-language": "en-US,en;q=0.9,ko;q=0.5" },
    });
    expect(english.body.error).toEqual({
      code: "QUESTION_TITLE_LENGTH",
      message: ENGLISH_MESSAGES.QUESTION_TITLE_LENGTH,
      fieldErrors: { title: [ENGLISH_MESSAGES.QUESTION_TITLE_LENGTH] },
    });
    const missing = await request("GET", "/api/v1/questions/00000000-0000-4000-8000-000000000000");
    expect([missing.status, missing.body.error?.code]).toEqual([404, "QUESTION_NOT_FOUND"]);
    const badInput = await request("GET", "/api/v1/questions/nearby?lat=north&lng=126.2&radiusKm=99&extra=1", {
      headers: { "accept-language": "en" },
    });
    expect(badInput.status).toBe(400);
    expect(badInput.body.error?.code).toBe("INVALID_INPUT");
    expect(Object.keys(badInput.body.error?.fieldErrors ?? {}).sort()).toEqual(["input", "lat", "radiusKm"]);
    expect(JSON.stringify(badInput.body.error)).not.toMatch(HANGUL);
    const badId = await request("GET", "/api/v1/questions/not-a-uuid", { headers: { "accept-language": "en" } });
    expect(badId.body.error?.fieldErrors).toEqual({ id: ["This is not a valid ID."] });
    const badIdKo = await request("GET", "/api/v1/questions/not-a-uuid");
    expect(badIdKo.body.error?.fieldErrors).toEqual({ id: ["올바른 ID가 아니에요."] });
  });

  it("refuses what the transport does not take: no session, wrong method, unknown path, non-JSON, too large", async () => {
    const anonymous = await request("POST", "/api/v1/questions", { json: question });
    expect([anonymous.status, anonymous.body.error?.code]).toEqual([401, GENERIC.UNAUTHENTICATED.code]);
    expect(anonymous.headers["WWW-Authenticate"]).toMatch(/^Bearer/);
    const stale = await request("GET", "/api/v1/users/me", { token: "not-a-session" });
    expect(stale.status).toBe(401);
    const method = await request("GET", "/api/v1/auth/login");
    expect([method.status, method.body.error?.code, method.headers.Allow]).toEqual([405, "METHOD_NOT_SUPPORTED", "POST"]);
    const both = await request("DELETE", "/api/v1/questions");
    expect([both.status, both.headers.Allow]).toEqual([405, "GET, POST"]);
    const unknown = await request("GET", "/api/v1/nothing/here");
    expect([unknown.status, unknown.body.error?.code]).toEqual([404, "NOT_FOUND"]);
    const text = await request("POST", "/api/v1/auth/login", { body: Buffer.from("email=a"), headers: { "content-type": "text/plain" } });
    expect([text.status, text.body.error?.code]).toEqual([415, "UNSUPPORTED_MEDIA_TYPE"]);
    const broken = await request("POST", "/api/v1/auth/login", { body: Buffer.from("{"), headers: { "content-type": "application/json" } });
    expect([broken.status, broken.body.error?.code]).toEqual([400, "INVALID_INPUT"]);
    const large = await request("POST", "/api/v1/auth/login", { body: "too_large" });
    expect([large.status, large.body.error?.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    const badEscape = await request("GET", "/api/v1/questions/%E0%A4%A");
    expect([badEscape.status, badEscape.body.error?.fieldErrors]).toEqual([400, { id: [GENERIC.INVALID_INPUT.message] }]);
    const charset = await request("POST", "/api/v1/auth/login", {
      json: { email: "nobody@example.kr", password },
      headers: { "content-type": "application/json; charset=utf-8" },
    });
    expect(charset.body.error?.code).toBe("INVALID_CREDENTIALS");
  });
});
