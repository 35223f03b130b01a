import { Cause, Effect, Exit } from "effect";
import { DependencyUnavailable } from "../../application/errors.js";
import { ReadFromPrimary } from "../../application/ports/ReadConsistency.js";
import type { UserId } from "../../domain/shared/ids.js";
import type { AppRuntime, AppServices } from "../layers.js";
import type { Logger } from "../logger.js";
import type { ReadYourWrites } from "../readYourWrites.js";
import { ERROR_TABLE, type ErrorEntry, GENERIC, type KnownError } from "./errorCatalogue.js";
import { writeGate } from "./writeGate.js";

/**
 * A request's failure as the catalogue names it. Each transport turns it into its own error (tRPC:
 * src/app/trpc/trpc.ts). Whatever needed logging was logged where it arose, so a transport logs it no more.
 */
export class ApiFailure extends Error {
  /** For people: the entry's Korean message, with when to try again for a limit. */
  readonly userMessage: string;
  /** For a limit: how long the caller should wait (a transport's Retry-After). */
  readonly retryAfterSeconds: number | undefined;
  constructor(
    readonly entry: ErrorEntry,
    options: { readonly retryAfterMs?: number } = {},
  ) {
    super(entry.code);
    this.name = "ApiFailure";
    this.retryAfterSeconds = options.retryAfterMs === undefined ? undefined : Math.max(1, Math.ceil(options.retryAfterMs / 1000));
    this.userMessage = this.retryAfterSeconds === undefined ? entry.message : `${entry.message} ${retryPhrase(this.retryAfterSeconds)}`;
  }
}

/** "3분 후에 다시 시도할 수 있어요." — the wait in the largest unit that reads naturally, rounded up. */
export const retryPhrase = (seconds: number) => {
  const wait = seconds < 60 ? `${seconds}초` : seconds < 3_600 ? `${Math.ceil(seconds / 60)}분` : `${Math.ceil(seconds / 3_600)}시간`;
  return `${wait} 후에 다시 시도할 수 있어요.`;
};

/** A failure that says when to try again carries `retryAfterMs`. */
const retryAfterOf = (error: unknown) => {
  const ms = typeof error === "object" && error !== null ? (error as { retryAfterMs?: unknown }).retryAfterMs : undefined;
  return typeof ms === "number" ? { retryAfterMs: ms } : {};
};

/** Who calls a use case and on what, as any transport knows it. */
export interface Call {
  readonly runtime: AppRuntime;
  readonly logger: Logger;
  readonly userId: UserId | null;
  readonly readYourWrites: ReadYourWrites;
  /** A write: it, and the caller's reads for a short while after it, use the primary. */
  readonly writes?: boolean;
  /** The operation's name, for the log. */
  readonly path?: string;
  /** Counts a request answered 503 because a dependency was unavailable (a metric, where the transport has one). */
  readonly onUnavailable?: (dependency: string) => void;
}

/** The catalogue's entry for a use case's expected failure; none for a failure without a known tag (the runtime failing to start, say). */
const entryOf = (error: unknown): ErrorEntry | undefined => {
  const tag = typeof error === "object" && error !== null ? (error as { _tag?: unknown })._tag : undefined;
  return typeof tag === "string" && Object.hasOwn(ERROR_TABLE, tag) ? ERROR_TABLE[tag as KnownError["_tag"]] : undefined;
};

const failureOf = <A>(call: Call, exit: Exit.Failure<A, unknown>): ApiFailure => {
  const expected = Exit.findError(exit);
  const entry = expected._tag === "Success" ? entryOf(expected.success) : undefined;
  if (entry) {
    // A signed-in caller refused someone else's object (or probing ids): ASVS V7 wants it logged.
    if (call.userId !== null && (entry.kind === "forbidden" || entry.kind === "not_found"))
      call.logger.warn({ event: "authorization_failed", path: call.path, userId: call.userId, code: entry.code }, "authorization failed");
    return new ApiFailure(entry, expected._tag === "Success" ? retryAfterOf(expected.success) : {});
  }
  // A dependency down or overloaded (lock and statement timeouts, exhausted retries, no connection) is no bug: 503, try again.
  const unavailable = Cause.squash(exit.cause);
  if (unavailable instanceof DependencyUnavailable) {
    call.logger.warn({ path: call.path, dependency: unavailable.dependency, reason: unavailable.message }, "dependency unavailable");
    call.onUnavailable?.(unavailable.dependency);
    return new ApiFailure(GENERIC.UNAVAILABLE);
  }
  call.logger.error({ path: call.path, cause: Cause.pretty(exit.cause) }, "use case failed unexpectedly");
  return new ApiFailure(GENERIC.INTERNAL);
};

/**
 * Runs a use case with read-your-writes: its value, or an ApiFailure with its catalogue entry. Defects are
 * logged with their whole cause and reach the client only as the generic Korean message.
 */
export const run = async <A, E extends KnownError>(call: Call, effect: Effect.Effect<A, E, AppServices>): Promise<A> => {
  const writes = call.writes ?? false;
  const primaryReads = writes || call.readYourWrites.readsFromPrimary(call.userId);
  // One span per call (its use case's Effect.fn span inside): what the OTLP traces show per request.
  const traced = effect.pipe(
    Effect.withSpan(`api ${call.path ?? "call"}`, { attributes: { "dongne.procedure": call.path ?? "", "dongne.writes": writes } }),
  );
  const execute = () => call.runtime.runPromiseExit(Effect.provideService(traced, ReadFromPrimary, primaryReads));
  const exit = writes ? await writeGate(call.userId, execute) : await execute();
  if (Exit.isFailure(exit)) throw failureOf(call, exit);
  if (writes) call.readYourWrites.markWrite(call.userId);
  return exit.value;
};
