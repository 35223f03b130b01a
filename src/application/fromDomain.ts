import { Effect } from "effect";
import type { Result } from "neverthrow";

/** The one bridge from the domain's Result values into Effect's error channel. */
export const fromDomain = <A, E>(result: Result<A, E>): Effect.Effect<A, E> => result.match(Effect.succeed, (e) => Effect.fail(e));
