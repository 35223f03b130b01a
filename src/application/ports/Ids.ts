import { Context, type Effect } from "effect";

/** New unique ids (UUIDs in production), so the domain and use cases never draw randomness themselves. */
export class Ids extends Context.Service<Ids, { readonly next: Effect.Effect<string> }>()("dongne/Ids") {}
