import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../../src/app/rest/openapi.js";
import { restPathOf, restRoutes } from "../../../src/app/rest/routes.js";
import { procedures } from "../../../src/app/trpc/procedures.js";

const document = openApiDocument("0.0.0-test");
type Operation = { "x-trpc-procedure"?: string; parameters?: { in: string; name: string; required?: boolean }[]; security?: unknown[] };
const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({ path, method, operation })),
);

describe("the OpenAPI document (/openapi.json)", () => {
  it("is a valid OpenAPI 3.1 document, its references resolving (an offline validator)", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 1)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    expect(() => validator.resolveRefs()).not.toThrow();
  });

  it("has one operation for every query and mutation of the router: GET for queries, POST for mutations", () => {
    const served = procedures().filter((p) => p.kind !== "subscription");
    expect(operations.map((o) => o.operation["x-trpc-procedure"]).sort()).toEqual(served.map((p) => p.name).sort());
    for (const p of served) {
      const o = operations.find((x) => x.operation["x-trpc-procedure"] === p.name);
      expect(o?.method, p.name).toBe(p.kind === "query" ? "get" : "post");
      expect(o?.path, p.name).toBe(restPathOf(p.name));
      // A session is required exactly where the procedure needs one; elsewhere a token is optional.
      expect(o?.operation.security, p.name).toEqual(p.needsSession ? [{ bearer: [] }] : [{}, { bearer: [] }]);
    }
  });

  it("documents every path parameter as a required field of the procedure's input", () => {
    for (const route of restRoutes()) {
      const o = operations.find((x) => x.operation["x-trpc-procedure"] === route.procedure.name);
      const inPath = (o?.operation.parameters ?? []).filter((p) => p.in === "path");
      expect(
        inPath.map((p) => [p.name, p.required]),
        route.path,
      ).toEqual(route.pathParams.map((name) => [name, true]));
    }
  });

  it("maps names to paths by its rules: resource paths where natural, else the name's parts in kebab-case", () => {
    expect(restPathOf("question.get")).toBe("/api/v1/questions/{id}");
    expect(restPathOf("answer.create")).toBe("/api/v1/questions/{questionId}/answers");
    expect(restPathOf("notification.unreadCount")).toBe("/api/v1/notifications/unread-count");
    expect(restPathOf("media.createUpload")).toBe("/api/v1/media/create-upload");
    expect(restPathOf("search.questions")).toBe("/api/v1/search/questions");
  });
});
