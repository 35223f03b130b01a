import fc from "fast-check";
import { expect } from "vitest";
import { ERROR_TABLE, GENERIC, HTTP_STATUS, INPUT_ISSUES } from "../../../src/app/api/errorCatalogue.js";
import type { makeRestApi, RestRequest, RestResponse } from "../../../src/app/rest/api.js";
import type { RestRoute } from "../../../src/app/rest/routes.js";
import type { FuzzWorld } from "../inputFuzz.js";

const KIND_OF_CODE = new Map(
  [...Object.values(ERROR_TABLE), ...Object.values(GENERIC), ...Object.values(INPUT_ISSUES)].map((e) => [e.code, e.kind]),
);
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/;

const text = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
// A client cannot put a lone surrogate in a URL: it sends the bytes of U+FFFD, as URLSearchParams does.
const segment = (value: string) => encodeURIComponent(value.replace(/[\ud800-\udfff]/gu, "\ufffd"));

/** A procedure's input as a client following the document sends it: path parameters, then a query string or a JSON body. */
export const encode = (route: RestRoute, input: unknown): { url: string; body?: Buffer } => {
  const fields = typeof input === "object" && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  let url = route.path;
  for (const name of route.pathParams) url = url.replace(`{${name}}`, segment(text(fields[name] ?? "x")));
  const rest = Object.entries(fields).filter(([name, v]) => !route.pathParams.includes(name) && v !== undefined);
  if (route.method === "POST") {
    const body = input === undefined || input === fields ? Object.fromEntries(rest) : input;
    return { url, body: Buffer.from(JSON.stringify(body) ?? "") };
  }
  const search = new URLSearchParams();
  for (const [name, value] of rest) {
    if (Array.isArray(value)) for (const item of value) search.append(name, text(item));
    else search.append(name, text(value));
  }
  const query = search.toString();
  return { url: query ? `${url}?${query}` : url };
};

// Escapes that decode to nothing valid: a lone %, a cut sequence, bytes that are not UTF-8, an encoded surrogate.
const MALFORMED = fc.constantFrom("%", "%E0%A4%A", "%FF%FE", "%ED%A0%80", "%00", "%2F..%2F");

/** Whatever else may arrive on a route: any query string, any path segment, any bytes as the body. */
export const rawRequests = (route: RestRoute): fc.Arbitrary<{ url: string; body?: Buffer; contentType?: string }> =>
  fc
    .record({
      segments: fc.array(fc.oneof(fc.string(), fc.uuid(), MALFORMED), {
        minLength: route.pathParams.length,
        maxLength: route.pathParams.length,
      }),
      query: fc.oneof(
        fc.string(),
        fc.webQueryParameters(),
        fc.constant(""),
        MALFORMED.map((m) => `limit=${m}&${m}=1`),
      ),
      body: fc.option(
        fc.oneof(
          fc.string().map((s) => Buffer.from(s)),
          fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
        ),
      ),
      contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", undefined),
    })
    .map(({ segments, query, body, contentType }) => {
      let url = route.path;
      route.pathParams.forEach((name, i) => {
        const raw = segments[i] ?? "x";
        url = url.replace(`{${name}}`, raw.startsWith("%") ? raw : segment(raw) || "x");
      });
      return { url: query ? `${url}?${query}` : url, ...(body ? { body } : {}), ...(contentType ? { contentType } : {}) };
    });

/** A value, or a typed error with the catalogue's status for its code, worded in the language asked for: never a 500. */
export const assertRestHandled = (request: RestRequest, response: RestResponse, language: "ko" | "en") => {
  const where = `${request.method} ${request.url}`;
  if (response.status === 200) return;
  const body = response.body as { error?: { code?: string; message?: string; fieldErrors?: unknown } };
  const code = body.error?.code ?? "";
  const kind = KIND_OF_CODE.get(code);
  expect(kind, `${where}: ${response.status} with an unknown code ${code}`).toBeDefined();
  expect(response.status, `${where}: ${code}`).not.toBe(500);
  expect(response.status, `${where}: ${code}`).toBe(HTTP_STATUS[kind ?? "internal"]);
  expect(typeof body.error?.message).toBe("string");
  expect(typeof body.error?.fieldErrors).toBe("object");
  if (language === "en") expect(JSON.stringify(body.error), `${where}: English asked for`).not.toMatch(HANGUL);
};

type Api = ReturnType<typeof makeRestApi>;

// Logging out ends a session: that route gets a session of its own each time, so the world's stays valid.
const tokenFor = async (api: Api, world: FuzzWorld, route: RestRoute) => {
  if (route.procedure.name !== "auth.logout") return world.token;
  const body = Buffer.from(JSON.stringify({ email: world.email, password: world.password }));
  const r = await api({ method: "POST", url: "/api/v1/auth/login", headers: { "content-type": "application/json" }, body });
  return (r.body as { token: string }).token;
};

/** Sends one fuzzed request on a route as the world's user, and checks the answer. */
export const sendFuzzed = async (
  api: Api,
  world: FuzzWorld,
  route: RestRoute,
  language: "ko" | "en",
  parts: { url: string; body?: Buffer; contentType?: string },
) => {
  const request: RestRequest = {
    method: route.method,
    url: parts.url,
    headers: {
      authorization: `Bearer ${await tokenFor(api, world, route)}`,
      "accept-language": language,
      ...(parts.body ? { "content-type": parts.contentType ?? "application/json" } : {}),
    },
    ...(parts.body ? { body: parts.body } : {}),
  };
  assertRestHandled(request, await api(request), language);
};

export const languages = fc.constantFrom("ko" as const, "en" as const);
