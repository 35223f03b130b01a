import { Client } from "@opensearch-project/opensearch";

/** The engine started by scripts/search-engine.sh (by .ci/run, or by the test setup when it is down). */
export const SEARCH_ENGINE_URL = process.env.SEARCH_ENGINE_URL ?? "http://127.0.0.1:9200";

export const searchClient = () => new Client({ node: SEARCH_ENGINE_URL, requestTimeout: 30_000 });
