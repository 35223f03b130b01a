import { initTRPC, TRPCError } from "@trpc/server";
import { Cause, Effect, Exit } from "effect";
import { ZodError, z } from "zod";
import { DependencyUnavailable } from "../../application/errors.js";
import { ReadFromPrimary } from "../../application/ports/ReadConsistency.js";
import type { UserId } from "../../domain/shared/ids.js";
import type { AppRuntime, AppServices } from "../layers.js";
import type { Logger } from "../logger.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { ERROR_TABLE, type ErrorEntry, GENERIC, INPUT_ISSUES, type KnownError } from "./errorTable.js";

// Field issues from input validation read in Korean, like every other message to users.
z.config(z.locales.ko());

export interface SessionCookie {
  readonly set: (token: string, expiresAt: Date) => void;
  readonly clear: () => void;
}

/** Request-independent parts first, so tests can build a context without HTTP. */
export interface Context {
  readonly runtime: AppRuntime;
  readonly logger: Logger;
  readonly token: string | null;
  readonly userId: UserId | null;
  readonly cookie: SessionCookie;
  readonly readYourWrites: ReadYourWrites;
  /** Set per procedure: writes, and reads right after the caller's own writes, use the primary. */
  readonly primaryReads?: boolean;
  /** Set per procedure, for the log. */
  readonly path?: string;
  /** Counts a request answered 503 because a dependency was unavailable (a metric, where the transport has one). */
  readonly onUnavailable?: (dependency: string) => void;
}

/** Carries a known failure's table entry through tRPC to the error formatter. */
export class DomainFailure extends Error {
  constructor(readonly entry: ErrorEntry) {
    super(entry.code);
  }
}

/** The cause of an INTERNAL_SERVER_ERROR that `run` has already logged with its full cause: log it once, not twice. */
export class ReportedDefect extends Error {
  constructor() {
    super("reported defect");
  }
}

/** The one code all of a validation error's issues are tagged with (see INPUT_ISSUES), if they agree on one. */
const taggedIssue = (zod: ZodError) => {
  const tags = new Set(
    zod.issues.map((issue) => (issue.code === "custom" ? (issue.params as { code?: unknown } | undefined)?.code : undefined)),
  );
  const [tag] = tags;
  return tags.size === 1 ? Object.values(INPUT_ISSUES).find((entry) => entry.code === tag) : undefined;
};

// What tRPC's maxBatchSize throws: a bare BAD_REQUEST, told apart only by its message (pinned by the HTTP e2e test).
const BATCH_TOO_LARGE = "Batch call exceeds maximum size";

const fieldErrorsOf = (zod: ZodError): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const issue of zod.issues) {
    const key = issue.path.join(".") || "input";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
};

const t = initTRPC.context<Context>().create({
  // Never send stack traces, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let code: string;
    let message: string;
    let fieldErrors: Record<string, string[]> = {};
    if (cause instanceof DomainFailure) {
      code = cause.entry.code;
      message = cause.entry.message;
      if (cause.entry.field) fieldErrors = { [cause.entry.field]: [cause.entry.message] };
    } else if (cause instanceof ZodError) {
      ({ code, message } = taggedIssue(cause) ?? GENERIC.INVALID_INPUT);
      fieldErrors = fieldErrorsOf(cause);
    } else if (error.code === "UNAUTHORIZED") {
      ({ code, message } = GENERIC.UNAUTHENTICATED);
    } else if (error.code === "NOT_FOUND") {
      ({ code, message } = GENERIC.NOT_FOUND);
    } else if (error.code === "METHOD_NOT_SUPPORTED") {
      ({ code, message } = GENERIC.METHOD_NOT_SUPPORTED);
    } else if (error.code === "UNSUPPORTED_MEDIA_TYPE") {
      ({ code, message } = GENERIC.UNSUPPORTED_MEDIA_TYPE);
    } else if (error.code === "BAD_REQUEST" && error.message === BATCH_TOO_LARGE) {
      ({ code, message } = GENERIC.BATCH_TOO_LARGE);
    } else if (error.code === "BAD_REQUEST" || error.code === "PARSE_ERROR") {
      ({ code, message } = GENERIC.INVALID_INPUT);
    } else if (error.code === "SERVICE_UNAVAILABLE") {
      ({ code, message } = GENERIC.UNAVAILABLE);
    } else if (error.code === "TOO_MANY_REQUESTS" || error.code === "PAYLOAD_TOO_LARGE") {
      code = error.code;
      message = "요청이 너무 많거나 커요. 잠시 후 다시 시도해 주세요.";
    } else {
      ({ code, message } = GENERIC.INTERNAL);
    }
    return {
      message,
      code: shape.code,
      data: { code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

export const publicProcedure = t.procedure.use(async ({ type, path, ctx, next }) => {
  const primaryReads = type === "mutation" || ctx.readYourWrites.readsFromPrimary(ctx.userId);
  const result = await next({ ctx: { ...ctx, primaryReads, path } });
  if (type === "mutation" && result.ok) ctx.readYourWrites.markWrite(ctx.userId);
  return result;
});

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.userId === null || ctx.token === null) throw new TRPCError({ code: "UNAUTHORIZED" });
  return next({ ctx: { ...ctx, userId: ctx.userId, token: ctx.token } });
});

/**
 * Runs a use case: its value, or its expected failure as a TRPCError from the one table.
 * Defects are logged with their cause and reach the client only as a generic Korean message.
 */
export const run = async <A, E extends KnownError>(ctx: Context, effect: Effect.Effect<A, E, AppServices>): Promise<A> => {
  const exit = await ctx.runtime.runPromiseExit(Effect.provideService(effect, ReadFromPrimary, ctx.primaryReads ?? false));
  if (Exit.isSuccess(exit)) return exit.value;
  const expected = Exit.findError(exit);
  // A failure without a known tag (the runtime failing to start, say) is not the user's doing.
  const entry = expected._tag === "Success" ? ERROR_TABLE[(expected.success as KnownError)._tag] : undefined;
  if (entry) throw new TRPCError({ code: entry.status, message: entry.message, cause: new DomainFailure(entry) });
  // A dependency down or overloaded (lock and statement timeouts, exhausted retries, no connection) is no bug: 503, try again.
  const unavailable = Cause.squash(exit.cause);
  if (unavailable instanceof DependencyUnavailable) {
    ctx.logger.warn({ path: ctx.path, dependency: unavailable.dependency, reason: unavailable.message }, "dependency unavailable");
    ctx.onUnavailable?.(unavailable.dependency);
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: GENERIC.UNAVAILABLE.message, cause: new ReportedDefect() });
  }
  ctx.logger.error({ path: ctx.path, cause: Cause.pretty(exit.cause) }, "use case failed unexpectedly");
  throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: GENERIC.INTERNAL.message, cause: new ReportedDefect() });
};
