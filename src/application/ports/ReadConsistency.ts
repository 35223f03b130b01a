import { Context } from "effect";

/**
 * How current a read outside a unit of work must be. By default a read may be served by a replica,
 * whose lag is bounded (README: read replicas). These references let a caller ask for more.
 */

/** Set for a caller who has just written, so they read their own writes (see README). */
export const ReadFromPrimary = Context.Reference<boolean>("dongne/ReadFromPrimary", { defaultValue: () => false });

/**
 * Set by workers and admin tools: they read the primary (a worker acting on stale data would, say,
 * index an old version and clear its outbox entry) and use their own connections, so a background
 * burst never takes a request's.
 */
export const BackgroundWork = Context.Reference<boolean>("dongne/BackgroundWork", { defaultValue: () => false });
