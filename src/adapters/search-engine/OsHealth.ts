import { Client } from "@opensearch-project/opensearch";
import { Effect, Layer } from "effect";
import { HealthChecks } from "../../application/ports/HealthCheck.js";

/**
 * Adds the engine to the health checks already in context. The engine is not essential: when it
 * is down, search is answered by PostgreSQL. The check asks for the alias searches go through, so
 * an engine that answers but has no index counts as down too. Its own client: one try, short timeout.
 */
export const withSearchEngineCheck = (config: { readonly url: string; readonly alias: string; readonly timeoutMs?: number }) =>
  Layer.effect(
    HealthChecks,
    Effect.gen(function* () {
      const { checks } = yield* HealthChecks;
      const timeoutMs = config.timeoutMs ?? 1_000;
      const client = yield* Effect.acquireRelease(
        Effect.sync(() => new Client({ node: config.url, requestTimeout: timeoutMs, maxRetries: 0 })),
        (c) => Effect.promise(() => c.close()).pipe(Effect.ignore),
      );
      const ping = Effect.tryPromise(async () => {
        const { body } = await client.indices.exists({ index: config.alias });
        if (body !== true) throw new Error(`index alias ${config.alias} not found`);
      });
      return { checks: [...checks, { name: "searchEngine", essential: false, ping }] };
    }),
  );
