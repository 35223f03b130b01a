import { Context, type Effect } from "effect";

export class Clock extends Context.Service<Clock, { readonly now: Effect.Effect<Date> }>()("dongne/Clock") {}
