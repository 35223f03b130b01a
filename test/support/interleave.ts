import { Effect } from "effect";

/**
 * Wraps every operation of a port so that it first waits on `pause`: with fast-check's scheduler
 * as the pause, concurrent use cases interleave at every repository call in an order it chooses.
 */
export const pausing = <S extends object>(service: S, pause: Effect.Effect<void>): S =>
  Object.fromEntries(
    Object.entries(service).map(([name, member]) => [
      name,
      typeof member === "function"
        ? (...args: unknown[]) => Effect.andThen(pause, (member as (...a: unknown[]) => Effect.Effect<unknown>)(...args))
        : Effect.isEffect(member)
          ? Effect.andThen(pause, member)
          : member,
    ]),
  ) as S;
