import { Client } from "@opensearch-project/opensearch";
import { Context, Effect, Layer } from "effect";

export interface SearchEngineConfig {
  readonly url: string;
  /** The alias searches and writes go through; reindexing swaps the index behind it. */
  readonly alias: string;
  readonly requestTimeoutMs?: number;
}

export class OsClient extends Context.Service<OsClient, { readonly client: Client; readonly alias: string }>()(
  "dongne/adapters/OsClient",
) {}

export const OsClientLive = (config: SearchEngineConfig) =>
  Layer.effect(
    OsClient,
    Effect.acquireRelease(
      Effect.sync(() => ({
        client: new Client({ node: config.url, requestTimeout: config.requestTimeoutMs ?? 5_000, maxRetries: 1 }),
        alias: config.alias,
      })),
      ({ client }) => Effect.promise(() => client.close()).pipe(Effect.ignore),
    ),
  );
