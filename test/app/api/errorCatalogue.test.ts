import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { describe, expect, it } from "vitest";
import { ERROR_TABLE, type ErrorEntry, type ErrorKind, GENERIC, HTTP_STATUS, INPUT_ISSUES } from "../../../src/app/api/errorCatalogue.js";
import { ApiFailure } from "../../../src/app/api/run.js";
import { TRPC_CODE, trpcErrorOf } from "../../../src/app/trpc/errorCodes.js";
import { appRouter } from "../../../src/app/trpc/router.js";

const wire = (error: TRPCError) =>
  getErrorShape({ config: appRouter._def._config, error, type: "query", path: "some.procedure", input: undefined, ctx: undefined });

const entries: readonly ErrorEntry[] = [...Object.values(ERROR_TABLE), ...Object.values(GENERIC), ...Object.values(INPUT_ISSUES)];

describe("the error catalogue", () => {
  it("derives tRPC's code and the HTTP status from one kind, and the two agree", () => {
    for (const kind of Object.keys(HTTP_STATUS) as ErrorKind[])
      expect(getHTTPStatusCodeFromError(new TRPCError({ code: TRPC_CODE[kind] })), kind).toBe(HTTP_STATUS[kind]);
  });

  it("reaches a tRPC client as each entry says: its code, Korean message, HTTP status and field", () => {
    for (const entry of entries) {
      const shape = wire(trpcErrorOf(new ApiFailure(entry)));
      expect(shape.message, entry.code).toBe(entry.message);
      expect(shape.data, entry.code).toEqual({
        code: entry.code,
        httpStatus: HTTP_STATUS[entry.kind],
        path: "some.procedure",
        fieldErrors: entry.field ? { [entry.field]: [entry.message] } : {},
      });
    }
  });

  it("names what tRPC refuses by itself with the generic entries", () => {
    const code = (error: TRPCError) => wire(error).data.code;
    expect(code(new TRPCError({ code: "UNAUTHORIZED" }))).toBe(GENERIC.UNAUTHENTICATED.code);
    expect(code(new TRPCError({ code: "NOT_FOUND" }))).toBe(GENERIC.NOT_FOUND.code);
    expect(code(new TRPCError({ code: "METHOD_NOT_SUPPORTED" }))).toBe(GENERIC.METHOD_NOT_SUPPORTED.code);
    expect(code(new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE" }))).toBe(GENERIC.UNSUPPORTED_MEDIA_TYPE.code);
    expect(code(new TRPCError({ code: "BAD_REQUEST", message: "Batch call exceeds maximum size" }))).toBe(GENERIC.BATCH_TOO_LARGE.code);
    expect(code(new TRPCError({ code: "PARSE_ERROR" }))).toBe(GENERIC.INVALID_INPUT.code);
    expect(code(new TRPCError({ code: "TOO_MANY_REQUESTS" }))).toBe("TOO_MANY_REQUESTS");
    expect(code(new TRPCError({ code: "PAYLOAD_TOO_LARGE" }))).toBe("PAYLOAD_TOO_LARGE");
    expect(code(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: new Error("SELECT secret") }))).toBe(GENERIC.INTERNAL.code);
  });
});
