import { Effect, Layer, Stream } from "effect";
import { loadJejuRegions } from "../../adapters/region-data/jejuRegions.js";
import { withFallbackTo } from "../../adapters/search-engine/FallbackSearchIndex.js";
import { OsClientLive } from "../../adapters/search-engine/OsClient.js";
import { withSearchEngineCheck } from "../../adapters/search-engine/OsHealth.js";
import { OsSearchAdminLive } from "../../adapters/search-engine/OsSearchAdmin.js";
import { OsSearchDocuments } from "../../adapters/search-engine/OsSearchDocuments.js";
import { OsSearchIndex } from "../../adapters/search-engine/OsSearchIndex.js";
import type { QuestionRepository } from "../../application/ports/QuestionRepository.js";
import { SearchAdmin } from "../../application/ports/SearchAdmin.js";
import { SearchDocuments, type SearchUnavailable } from "../../application/ports/SearchDocuments.js";
import { SearchIndex } from "../../application/ports/SearchIndex.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import { searchGuardOptions, searchGuardReporter } from "../searchGuard.js";

const noEngine: SearchUnavailable = { _tag: "SearchUnavailable", reason: "no search engine configured" };

const noEngineLayers = Layer.merge(
  Layer.succeed(SearchDocuments, { upsert: () => Effect.fail(noEngine), remove: () => Effect.fail(noEngine) }),
  // PostgreSQL's search index, passed through unchanged.
  Layer.effect(
    SearchIndex,
    Effect.gen(function* () {
      return yield* SearchIndex;
    }),
  ),
);

/**
 * Search: PostgreSQL alone by default; with SEARCH_ENGINE_URL the engine answers within a time budget,
 * behind a circuit breaker, PostgreSQL stands in whenever it does not (logged and counted), and the
 * outbox feeds it.
 */
export const searchLayers = (
  config: Config,
  logger: Logger,
  metrics: Metrics,
): Layer.Layer<SearchIndex | SearchDocuments, never, SearchIndex | QuestionRepository> => {
  if (!config.SEARCH_ENGINE_URL) return noEngineLayers;
  const client = OsClientLive({ url: config.SEARCH_ENGINE_URL, alias: config.SEARCH_INDEX_ALIAS });
  return Layer.merge(
    withFallbackTo(OsSearchIndex.pipe(Layer.provide(client)), searchGuardReporter(logger, metrics, config), searchGuardOptions(config)),
    OsSearchDocuments.pipe(Layer.provide(client)),
  );
};

/** Readiness checks: the database's (from the store), plus the engine's when one is configured. */
export const searchHealth = (config: Config) =>
  config.SEARCH_ENGINE_URL ? withSearchEngineCheck({ url: config.SEARCH_ENGINE_URL, alias: config.SEARCH_INDEX_ALIAS }) : Layer.empty;

/** The search administration when no engine is configured: every operation fails with SearchUnavailable. */
export const noEngineAdmin = Layer.succeed(SearchAdmin, {
  ensureIndex: Effect.fail(noEngine),
  aliasTargets: Effect.fail(noEngine),
  createIndex: Effect.fail(noEngine),
  fill: () => Effect.fail(noEngine),
  publish: () => Effect.fail(noEngine),
  refresh: Effect.fail(noEngine),
  compare: () => Effect.fail(noEngine),
  documents: Stream.fail(noEngine),
  writeConditionally: () => Effect.fail(noEngine),
});

/**
 * The engine's index behind SEARCH_INDEX_ALIAS (creating, rebuilding, checking it), on a client of its
 * own: its requests move whole pages of documents, so they get `requestTimeoutMs` (5 s unless a tool asks
 * for more). Without an engine every operation fails with SearchUnavailable.
 */
export const searchAdminLayer = (config: Config, options: { readonly requestTimeoutMs?: number } = {}) =>
  config.SEARCH_ENGINE_URL
    ? OsSearchAdminLive({
        url: config.SEARCH_ENGINE_URL,
        alias: config.SEARCH_INDEX_ALIAS,
        regions: loadJejuRegions(),
        requestTimeoutMs: options.requestTimeoutMs ?? 5_000,
      })
    : noEngineAdmin;
