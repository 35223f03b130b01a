import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import { GENERIC, INPUT_ISSUES } from "../api/errorCatalogue.js";
import { ApiFailure, type Call } from "../api/run.js";
import { genericEntryOf, trpcErrorOf } from "./errorCodes.js";

// Field issues from input validation read in Korean, like every other message to users.
z.config(z.locales.ko());

export interface SessionCookie {
  readonly set: (token: string, expiresAt: Date) => void;
  readonly clear: () => void;
}

/** Request-independent parts first, so tests can build a context without HTTP. `writes` and `path` are set per procedure. */
export interface Context extends Call {
  readonly token: string | null;
  readonly cookie: SessionCookie;
  /** An opaque key of the anonymous client (address and user agent, hashed), so its repeat views count once. */
  readonly clientKey?: string | null;
}

/** The one code all of a validation error's issues are tagged with (see INPUT_ISSUES), if they agree on one. */
const taggedIssue = (zod: ZodError) => {
  const tags = new Set(
    zod.issues.map((issue) => (issue.code === "custom" ? (issue.params as { code?: unknown } | undefined)?.code : undefined)),
  );
  const [tag] = tags;
  return tags.size === 1 ? Object.values(INPUT_ISSUES).find((entry) => entry.code === tag) : undefined;
};

const fieldErrorsOf = (zod: ZodError): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const issue of zod.issues) {
    const key = issue.path.join(".") || "input";
    out[key] = [...(out[key] ?? []), issue.message];
  }
  return out;
};

/** The entry and field errors of any error a procedure or tRPC itself raised. */
const classify = (error: TRPCError) => {
  const cause = error.cause;
  if (cause instanceof ApiFailure) {
    const { entry } = cause;
    return { entry, fieldErrors: entry.field ? { [entry.field]: [entry.message] } : {} };
  }
  if (cause instanceof ZodError) return { entry: taggedIssue(cause) ?? GENERIC.INVALID_INPUT, fieldErrors: fieldErrorsOf(cause) };
  return { entry: genericEntryOf(error), fieldErrors: {} };
};

const t = initTRPC.context<Context>().create({
  // Never send stack traces, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error }) {
    const { entry, fieldErrors } = classify(error);
    return {
      message: entry.message,
      code: shape.code,
      data: { code: entry.code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Mutations write (see `run` in src/app/api/run.ts); an ApiFailure leaves as the TRPCError its kind names. */
export const publicProcedure = t.procedure.use(async ({ type, path, ctx, next }) => {
  const result = await next({ ctx: { ...ctx, writes: type === "mutation", path } });
  if (!result.ok && result.error.cause instanceof ApiFailure) return { ...result, error: trpcErrorOf(result.error.cause) };
  return result;
});

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.userId === null || ctx.token === null) throw new TRPCError({ code: "UNAUTHORIZED" });
  return next({ ctx: { ...ctx, userId: ctx.userId, token: ctx.token } });
});
