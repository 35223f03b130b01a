import { Context, type Effect } from "effect";

/** How many questions (listed ones: not deleted, not hidden) and users (not deleted) the store has in these regions. */
export class RegionStats extends Context.Service<
  RegionStats,
  { readonly count: (regionCodes: readonly string[]) => Effect.Effect<{ readonly questions: number; readonly users: number }> }
>()("dongne/RegionStats") {}
