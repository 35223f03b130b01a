import { type TRPC_ERROR_CODE_KEY, TRPCError } from "@trpc/server";
import { type ErrorEntry, type ErrorKind, GENERIC } from "../api/errorCatalogue.js";
import type { ApiFailure } from "../api/run.js";

/** tRPC's code for each kind of failure; its HTTP status is the catalogue's (test/app/errorCatalogue.test.ts). */
export const TRPC_CODE: Record<ErrorKind, TRPC_ERROR_CODE_KEY> = {
  invalid: "BAD_REQUEST",
  unauthenticated: "UNAUTHORIZED",
  forbidden: "FORBIDDEN",
  not_found: "NOT_FOUND",
  method_not_allowed: "METHOD_NOT_SUPPORTED",
  conflict: "CONFLICT",
  unprocessable: "UNPROCESSABLE_CONTENT",
  too_large: "PAYLOAD_TOO_LARGE",
  unsupported_media_type: "UNSUPPORTED_MEDIA_TYPE",
  rate_limited: "TOO_MANY_REQUESTS",
  unavailable: "SERVICE_UNAVAILABLE",
  internal: "INTERNAL_SERVER_ERROR",
};

/** The API's failure as tRPC carries it: the entry rides along as the cause, for the error formatter. */
export const trpcErrorOf = (failure: ApiFailure) =>
  new TRPCError({ code: TRPC_CODE[failure.entry.kind], message: failure.entry.message, cause: failure });

// What tRPC's maxBatchSize throws: a bare BAD_REQUEST, told apart only by its message (pinned by the HTTP e2e test).
const BATCH_TOO_LARGE = "Batch call exceeds maximum size";

/** The catalogue's entry for an error tRPC raised itself (no procedure ran, or the input did not parse). */
export const genericEntryOf = (error: TRPCError): ErrorEntry => {
  switch (error.code) {
    case "UNAUTHORIZED":
      return GENERIC.UNAUTHENTICATED;
    case "NOT_FOUND":
      return GENERIC.NOT_FOUND;
    case "METHOD_NOT_SUPPORTED":
      return GENERIC.METHOD_NOT_SUPPORTED;
    case "UNSUPPORTED_MEDIA_TYPE":
      return GENERIC.UNSUPPORTED_MEDIA_TYPE;
    case "BAD_REQUEST":
      return error.message === BATCH_TOO_LARGE ? GENERIC.BATCH_TOO_LARGE : GENERIC.INVALID_INPUT;
    case "PARSE_ERROR":
      return GENERIC.INVALID_INPUT;
    case "SERVICE_UNAVAILABLE":
      return GENERIC.UNAVAILABLE;
    case "TOO_MANY_REQUESTS":
      return GENERIC.TOO_MANY_REQUESTS;
    case "PAYLOAD_TOO_LARGE":
      return GENERIC.PAYLOAD_TOO_LARGE;
    default:
      return GENERIC.INTERNAL;
  }
};
