import { Context, type Effect } from "effect";

/** One dependency this instance was configured with, and how to tell that it answers. */
export interface DependencyCheck {
  /** The name readiness reports: "database", "searchEngine", … */
  readonly name: string;
  /** Down means nothing works (unready); a non-essential one down only degrades the service (search falls back). */
  readonly essential: boolean;
  /** Succeeds when the dependency answers. It may hang: the caller bounds it. */
  readonly ping: Effect.Effect<void, unknown>;
}

export class HealthChecks extends Context.Service<HealthChecks, { readonly checks: ReadonlyArray<DependencyCheck> }>()(
  "dongne/HealthChecks",
) {}
