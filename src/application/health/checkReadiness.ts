import { Cause, Effect, Exit } from "effect";
import { HealthChecks } from "../ports/HealthCheck.js";

export type DependencyState = "up" | "down";
export type ReadinessStatus = "ready" | "degraded" | "unavailable";

export interface Readiness {
  readonly status: ReadinessStatus;
  readonly checks: Readonly<Record<string, DependencyState>>;
  /** Why each dependency that is down failed, for the log (never sent to clients). */
  readonly failures: Readonly<Record<string, string>>;
}

const reason = (cause: Cause.Cause<unknown>, timeoutMs: number) => {
  const error = Cause.squash(cause);
  if (Cause.isTimeoutError(error)) return `no answer within ${timeoutMs} ms`;
  return error instanceof Error ? error.message : String(error);
};

/**
 * Pings every configured dependency at once, each bounded by `timeoutMs` so that a hanging one
 * cannot hang readiness: unavailable when an essential one is down, degraded when only others are.
 */
export const checkReadiness = Effect.fn("checkReadiness")(function* (timeoutMs: number) {
  const { checks } = yield* HealthChecks;
  const results = yield* Effect.forEach(
    checks,
    (check) =>
      check.ping.pipe(
        Effect.timeout(timeoutMs),
        Effect.exit,
        Effect.map((exit) => ({ check, failure: Exit.isFailure(exit) ? reason(exit.cause, timeoutMs) : undefined })),
      ),
    { concurrency: "unbounded" },
  );
  const down = results.filter((r) => r.failure !== undefined);
  const status: ReadinessStatus = down.some((r) => r.check.essential) ? "unavailable" : down.length > 0 ? "degraded" : "ready";
  return {
    status,
    checks: Object.fromEntries(results.map((r) => [r.check.name, r.failure === undefined ? "up" : "down"])),
    failures: Object.fromEntries(down.map((r) => [r.check.name, r.failure as string])),
  } satisfies Readiness;
});
