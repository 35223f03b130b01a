import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, type ZodType, z } from "zod";
import { inputRefusalOf, localised, type Refusal, refusalOf } from "../api/inputErrors.js";
import { DEFAULT_LANGUAGE, type Language } from "../api/language.js";
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
  /** The language of error messages; Korean when absent. */
  readonly language?: Language;
  /** A procedure's input schema by its name, to word input issues in that language. */
  readonly inputSchemaOf?: (path: string) => ZodType | undefined;
}

/** The entry and field errors of any error a procedure or tRPC itself raised (the REST transport classifies with it too). */
export const classify = (error: TRPCError): Refusal => {
  const cause = error.cause;
  if (cause instanceof ApiFailure) return refusalOf(cause.entry);
  if (cause instanceof ZodError) return inputRefusalOf(cause);
  return { entry: genericEntryOf(error), fieldErrors: {} };
};

const t = initTRPC.context<Context>().create({
  // Never send stack traces, whatever NODE_ENV says.
  isDev: false,
  errorFormatter({ shape, error, ctx, path, input }) {
    // Korean unless the request asked for English (Accept-Language, read in context.ts); input issues are worded
    // again from the procedure's schema.
    const zod =
      error.cause instanceof ZodError
        ? { error: error.cause, schema: path ? ctx?.inputSchemaOf?.(path) : undefined, value: input }
        : undefined;
    const { code, message, fieldErrors } = localised(classify(error), ctx?.language ?? DEFAULT_LANGUAGE, zod);
    return {
      message,
      code: shape.code,
      data: { code, httpStatus: shape.data.httpStatus, path: shape.data.path, fieldErrors },
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
