import { type Cause, Context, Duration, Effect, Layer } from "effect";
import { SearchIndex } from "../../application/ports/SearchIndex.js";

export type FallbackReporter = (operation: string, cause: Cause.Cause<unknown>) => Effect.Effect<void>;

/**
 * The engine first; when it fails or is slow, the search index already in context (PostgreSQL)
 * answers instead, and the reporter hears of it (a log line, a metric). Users get results, not errors.
 */
export const withFallbackTo = <E, R>(
  engine: Layer.Layer<SearchIndex, E, R>,
  report: FallbackReporter,
  timeout: Duration.Input = "3 seconds",
): Layer.Layer<SearchIndex, E, R | SearchIndex> =>
  Layer.effect(
    SearchIndex,
    Effect.gen(function* () {
      const fallback = yield* SearchIndex;
      const primary = Context.get(yield* Layer.build(engine), SearchIndex);
      const guard = <A>(operation: string, first: Effect.Effect<A>, second: Effect.Effect<A>) =>
        first.pipe(
          Effect.timeoutOrElse({
            duration: timeout,
            orElse: () => Effect.die(new Error(`search engine timed out after ${Duration.format(Duration.fromInputUnsafe(timeout))}`)),
          }),
          Effect.catchCause((cause) => Effect.andThen(report(operation, cause), second)),
        );
      return {
        search: (r) => guard("search", primary.search(r), fallback.search(r)),
        suggest: (p, n) => guard("suggest", primary.suggest(p, n), fallback.suggest(p, n)),
        categoryCountsSince: (since) => guard("trending", primary.categoryCountsSince(since), fallback.categoryCountsSince(since)),
      };
    }),
  );
