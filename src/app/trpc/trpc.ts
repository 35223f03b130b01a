import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, type ZodType, z } from "zod";
import type { ClientInfo } from "../../application/account/startSession.js";
import { GENERIC } from "../api/errorCatalogue.js";
import {
  claimKey,
  fingerprintOf,
  isValidIdempotencyKey,
  NOT_REPLAYABLE,
  replayFailure,
  responseToKeep,
  settleKey,
} from "../api/idempotency.js";
import { inputRefusalOf, localised, type Refusal, refusalOf } from "../api/inputErrors.js";
import { DEFAULT_LANGUAGE, type Language } from "../api/language.js";
import { ApiFailure, type Call } from "../api/run.js";
import { genericEntryOf, trpcErrorOf } from "./errorCodes.js";

/** Heartbeat of every SSE stream. */
export const SSE_PING_MS = 15_000;

// Field issues from input validation read in Korean, like every other message to users.
z.config(z.locales.ko());

export interface SessionCookie {
  readonly set: (token: string, expiresAt: Date) => void;
  readonly clear: () => void;
}

/** Request-independent parts first, so tests can build a context without HTTP. `writes` and `path` are set per procedure. */
export interface Context extends Call {
  readonly token: string | null;
  /** The public id of the caller's session (auth.sessions marks it), when signed in. */
  readonly sessionId: string | null;
  readonly cookie: SessionCookie;
  /** An opaque key of the anonymous client (address and user agent, hashed), so its repeat views count once. */
  readonly clientKey?: string | null;
  /** The language of error messages; Korean when absent. */
  readonly language?: Language;
  /** The client's address (X-Forwarded-For only from a trusted proxy) and User-Agent. */
  readonly client: ClientInfo;
  /** The request's Idempotency-Key header, if it sent one. */
  readonly idempotencyKey?: string | null;
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
  // Subscriptions over SSE: a comment every 15 s keeps proxies from closing an idle stream, and a client
  // that heard nothing for 40 s reconnects (with Last-Event-ID).
  sse: { ping: { enabled: true, intervalMs: SSE_PING_MS }, client: { reconnectAfterInactivityMs: 40_000 } },
  errorFormatter({ shape, error, ctx, path, input }) {
    // Korean unless the request asked for English (Accept-Language, read in context.ts); input issues are worded
    // again from the procedure's schema.
    const zod =
      error.cause instanceof ZodError
        ? { error: error.cause, schema: path ? ctx?.inputSchemaOf?.(path) : undefined, value: input }
        : undefined;
    const { code, message, fieldErrors } = localised(classify(error), ctx?.language ?? DEFAULT_LANGUAGE, zod);
    const failure = error.cause instanceof ApiFailure ? error.cause : undefined;
    const retryAfterSeconds = failure?.retryAfterSeconds;
    const language = ctx?.language ?? DEFAULT_LANGUAGE;
    return {
      // A Korean refusal with a wait says how long ("N분 후에…").
      message: failure && language === "ko" ? failure.userMessage : message,
      code: shape.code,
      data: {
        code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        fieldErrors,
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Mutations write (see `run` in src/app/api/run.ts); an ApiFailure leaves as the TRPCError its kind names. */
const baseProcedure = t.procedure.use(async ({ type, path, ctx, next }) => {
  const result = await next({ ctx: { ...ctx, writes: type === "mutation", path } });
  if (!result.ok && result.error.cause instanceof ApiFailure) return { ...result, error: trpcErrorOf(result.error.cause) };
  return result;
});

/**
 * Idempotency-Key on a mutation (Stripe's semantics): the first request under a key runs and its answer is
 * kept 24 h for the user; the same key with the same input gets that answer again without running, with
 * another input 422 IDEMPOTENCY_KEY_REUSED; a duplicate arriving while the first runs waits for its answer.
 */
export const publicProcedure = baseProcedure.use(async ({ ctx, type, path, getRawInput, next }) => {
  const key = ctx.idempotencyKey ?? null;
  if (type !== "mutation" || key === null) return next();
  if (!isValidIdempotencyKey(key)) throw new ApiFailure(GENERIC.INVALID_IDEMPOTENCY_KEY);
  if (NOT_REPLAYABLE.has(path)) throw new ApiFailure(GENERIC.IDEMPOTENCY_NOT_SUPPORTED);
  // Keys are per user: without a session the procedure refuses the call itself.
  if (ctx.userId === null) return next();
  const scope = { userId: ctx.userId, key };
  const claimed = await claimKey(ctx, scope, fingerprintOf(path, await getRawInput()));
  if (claimed !== "run") {
    if (claimed.ok) return { ok: true as const, data: claimed.data, marker: "middlewareMarker" as never };
    throw replayFailure(claimed.code);
  }
  const result = await next();
  const cause = result.ok ? undefined : result.error.cause;
  await settleKey(ctx, scope, responseToKeep(result.ok ? { ok: true, data: result.data } : { ok: false, error: cause }));
  return result;
});

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.userId === null || ctx.token === null) throw new TRPCError({ code: "UNAUTHORIZED" });
  return next({ ctx: { ...ctx, userId: ctx.userId, token: ctx.token, sessionId: ctx.sessionId } });
});
