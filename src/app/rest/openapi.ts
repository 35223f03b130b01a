import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { ERROR_TABLE, GENERIC, INPUT_ISSUES, MAX_BATCH_SIZE } from "../api/errorCatalogue.js";
import { OUTPUTS } from "../api/outputs.js";
import { NOTES } from "../api/procedureNotes.js";
import { REST_BASE, type RestRoute, restRoutes } from "./routes.js";

/** Every stable error code a client may meet, for the Error schema's enum. */
const ERROR_CODES = [
  ...new Set([...Object.values(ERROR_TABLE), ...Object.values(GENERIC), ...Object.values(INPUT_ISSUES)].map((e) => e.code)),
].sort();

/** The body of every REST error: the catalogue's stable code, a message for people, and the messages per input field. */
export const errorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES as [string, ...string[]]).describe("stable, for programs: switch on it"),
      message: z.string().describe("for people: Korean, or English with `Accept-Language: en`"),
      fieldErrors: z
        .record(z.string(), z.array(z.string()))
        .describe("input field (dotted path) → messages; empty when the error is about no field"),
    }),
  })
  .meta({ id: "Error" });

const acceptLanguage = z.string().optional().meta({ description: "`en` for English error messages; Korean (`ko`) otherwise" });

const DESCRIPTION = `The procedures of the tRPC API at \`/trpc\` (docs/api.md), as REST under \`${REST_BASE}\`: queries are GET
with their input as query parameters (an array as the parameter repeated, an object field as JSON), mutations are POST
with a JSON body; ids in the path. Sign in with \`POST ${REST_BASE}/auth/login\` (or register) and send the returned
\`token\` as \`Authorization: Bearer <token>\`. Errors carry a stable \`code\`, a Korean \`message\` (English with
\`Accept-Language: en\`) and \`fieldErrors\`; no batching (one call per request; /trpc batches at most ${MAX_BATCH_SIZE}).`;

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: errorBody } } });

// Mutations by HTTP; the rest follow the catalogue's kinds, any operation may meet them.
const operationOf = (route: RestRoute): ZodOpenApiOperationObject => {
  const p = route.procedure;
  const shape = route.input;
  const output = OUTPUTS[p.name];
  if (!output) throw new Error(`${p.name} has no result schema in src/app/api/outputs.ts`);
  const fields = (shape?.object.shape ?? {}) as Record<string, z.ZodType>;
  const pathFields = Object.fromEntries(route.pathParams.map((name) => [name, fields[name] ?? z.string()]));
  const rest = Object.fromEntries(Object.entries(fields).filter(([name]) => !route.pathParams.includes(name)));
  const inQuery = route.method === "GET";
  const body = !inQuery && Object.keys(rest).length > 0 ? z.object(rest) : undefined;
  return {
    operationId: p.name.replace(/\.(\w)/g, (_, c: string) => c.toUpperCase()),
    summary: NOTES[p.name]?.summary ?? p.name,
    description: [
      `tRPC: \`${p.name}\` (${p.kind}).`,
      p.needsSession ? "Needs a session (bearer token)." : "",
      // The notes speak of the browser's cookie; REST neither sets nor reads one.
      p.name.startsWith("auth.") ? "Over REST no cookie is set or read: keep the `token` and send it as a bearer token." : "",
    ]
      .filter(Boolean)
      .join(" "),
    tags: [p.name.split(".")[0] as string],
    // A public operation takes a token too (what it shows may depend on who asks); one needing a session requires it.
    security: p.needsSession ? [{ bearer: [] }] : [{}, { bearer: [] }],
    requestParams: {
      ...(route.pathParams.length > 0 ? { path: z.object(pathFields) } : {}),
      ...(inQuery && Object.keys(rest).length > 0 ? { query: shape?.optional ? z.object(rest).partial() : z.object(rest) } : {}),
      header: z.object({ "accept-language": acceptLanguage }),
    },
    ...(body
      ? {
          requestBody: { required: !shape?.optional, content: { "application/json": { schema: shape?.optional ? body.partial() : body } } },
        }
      : {}),
    responses: {
      "200": { description: "the result", content: { "application/json": { schema: output } } },
      ...(shape ? { "400": errorResponse("the input was refused: `INVALID_INPUT` or a rule's code, with `fieldErrors`") } : {}),
      ...(p.needsSession ? { "401": errorResponse("no valid session: `UNAUTHENTICATED`") } : {}),
      ...(inQuery ? {} : { "415": errorResponse("the body is not JSON"), "413": errorResponse("the body is over 1 MiB") }),
      "503": errorResponse("a dependency is busy or down: `TEMPORARILY_UNAVAILABLE`; try again"),
      default: errorResponse("any other refusal (403, 404, 409, …), with its code from the catalogue"),
    },
    "x-trpc-procedure": p.name,
  } as ZodOpenApiOperationObject;
};

/** Object-valued query parameters travel as JSON: OpenAPI says so with `content` instead of `schema`. */
const jsonParameters = (document: ReturnType<typeof createDocument>, routes: readonly RestRoute[]) => {
  for (const route of routes) {
    const shape = route.input;
    const operation = document.paths?.[route.path]?.[route.method === "GET" ? "get" : "post"];
    for (const parameter of operation?.parameters ?? []) {
      if (!("in" in parameter) || parameter.in !== "query" || shape?.fields[parameter.name]?.kind !== "json") continue;
      const { schema, ...rest } = parameter;
      Object.assign(parameter, rest, { content: { "application/json": { schema } } });
      delete (parameter as { schema?: unknown }).schema;
    }
  }
  return document;
};

/** The OpenAPI 3.1 document of the REST transport, generated from the router and the same zod schemas tRPC validates with. */
export const openApiDocument = (version: string) => {
  const routes = restRoutes();
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) paths[route.path] = { ...paths[route.path], [route.method === "GET" ? "get" : "post"]: operationOf(route) };
  const document = createDocument(
    {
      openapi: "3.1.0",
      info: { title: "동네물어봐 (Dongne Ask) API", version, description: DESCRIPTION },
      servers: [{ url: "/", description: "this service" }],
      tags: [...new Set(routes.map((r) => r.procedure.name.split(".")[0] as string))].map((name) => ({ name })),
      paths,
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "the `token` from auth.register or auth.login (24 h)" },
        },
      },
    },
    { allowEmptySchema: { custom: true } },
  );
  return jsonParameters(document, routes);
};
