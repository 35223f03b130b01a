import { resolve } from "node:path";
import { Client } from "@opensearch-project/opensearch";
import { type Effect, ManagedRuntime } from "effect";
import { loadJejuRegions } from "../../adapters/region-data/jejuRegions.js";
import {
  aliasTargets,
  bulkInto,
  createVersionedIndex,
  engineChecksums,
  engineCount,
  swapAlias,
} from "../../adapters/search-engine/admin.js";
import { engineDocument } from "../../adapters/search-engine/document.js";
import type { QuestionRepository } from "../../application/ports/QuestionRepository.js";
import type { RegionRepository } from "../../application/ports/RegionRepository.js";
import { SearchOutbox } from "../../application/ports/SearchOutbox.js";
import type { UserRepository } from "../../application/ports/UserRepository.js";
import { indexablePage } from "../../application/search/indexable.js";
import type { SortKey } from "../../domain/question/ordering.js";
import { loadConfig } from "../config.js";
import { persistenceLayer } from "../layers.js";
import { makeLogger } from "../logger.js";

/** What the admin tasks need of a runtime: the database side of search. */
type Persistence = {
  readonly runPromise: <A, E>(
    effect: Effect.Effect<A, E, QuestionRepository | UserRepository | RegionRepository | SearchOutbox>,
  ) => Promise<A>;
};

/**
 * Rebuilds the index without downtime: a new versioned index is filled from the database while
 * searches keep using the old one, then the alias moves in one atomic step and the old index goes.
 * Changes made during the copy are caught by re-queueing everything for the outbox sync.
 */
export const reindex = async (
  runtime: Persistence,
  client: Client,
  alias: string,
  options: { shards?: number; replicas?: number } = {},
) => {
  const index = await createVersionedIndex(client, alias, loadJejuRegions(), options);
  let copied = 0;
  let after: SortKey | undefined;
  do {
    const page = await runtime.runPromise(indexablePage(after, 500));
    await bulkInto(client, index, page.docs.map(engineDocument));
    copied += page.docs.length;
    after = page.next;
  } while (after);
  await client.indices.refresh({ index });
  const dropped = await swapAlias(client, alias, index);
  const requeued = await runtime.runPromise(SearchOutbox.use((o) => o.enqueueAll));
  return { index, copied, dropped, requeued };
};

/** Compares the database with the index: counts, and the checksum of every `sampleEvery`-th document. */
export const checkDrift = async (runtime: Persistence, client: Client, alias: string, sampleEvery = 20) => {
  let listed = 0;
  let sampled = 0;
  const mismatched: string[] = [];
  const missing: string[] = [];
  let after: SortKey | undefined;
  do {
    const page = await runtime.runPromise(indexablePage(after, 500));
    const sample = page.docs.filter((_, i) => (listed + i) % sampleEvery === 0).map(engineDocument);
    const stored = await engineChecksums(
      client,
      alias,
      sample.map((d) => d.id),
    );
    for (const d of sample) {
      const checksum = stored.get(d.id);
      if (checksum === undefined) missing.push(d.id);
      else if (checksum !== d.checksum) mismatched.push(d.id);
    }
    sampled += sample.length;
    listed += page.docs.length;
    after = page.next;
  } while (after);
  await client.indices.refresh({ index: alias });
  const indexed = await engineCount(client, alias);
  const pending = await runtime.runPromise(SearchOutbox.use((o) => o.pending));
  return {
    listed,
    indexed,
    pending,
    sampled,
    missing,
    mismatched,
    drift: listed !== indexed || missing.length > 0 || mismatched.length > 0,
  };
};

const main = async () => {
  const [command] = process.argv.slice(2);
  if (command !== "reindex" && command !== "drift") {
    console.error("usage: search-admin reindex | drift");
    process.exit(2);
  }
  const config = loadConfig();
  if (!config.SEARCH_ENGINE_URL) {
    console.error("SEARCH_ENGINE_URL is not set: there is no search engine to manage (search runs on PostgreSQL).");
    process.exit(2);
  }
  const runtime = ManagedRuntime.make(persistenceLayer({ ...config, DATA_DIR: resolve(config.DATA_DIR) }, makeLogger("warn")));
  const client = new Client({ node: config.SEARCH_ENGINE_URL });
  try {
    if (command === "reindex") {
      const r = await reindex(runtime, client, config.SEARCH_INDEX_ALIAS);
      console.log(
        `Reindexed ${r.copied} questions into ${r.index}; alias ${config.SEARCH_INDEX_ALIAS} moved (dropped: ${r.dropped.join(", ") || "none"}); ${r.requeued} re-queued for changes made meanwhile.`,
      );
    } else {
      const targets = await aliasTargets(client, config.SEARCH_INDEX_ALIAS);
      const r = await checkDrift(runtime, client, config.SEARCH_INDEX_ALIAS);
      console.log(
        JSON.stringify(
          {
            alias: config.SEARCH_INDEX_ALIAS,
            indices: targets,
            ...r,
            missing: r.missing.slice(0, 20),
            mismatched: r.mismatched.slice(0, 20),
          },
          null,
          2,
        ),
      );
      process.exitCode = r.drift ? 1 : 0;
    }
  } finally {
    await client.close();
    await runtime.dispose();
  }
};

if (import.meta.url === `file://${process.argv[1]}`) await main();
