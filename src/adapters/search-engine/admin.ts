import type { Client } from "@opensearch-project/opensearch";
import type { Region } from "../../domain/region/region.js";
import type { EngineDocument } from "./document.js";
import { questionIndexBody } from "./questionIndex.js";

/**
 * Creates a versioned index behind the alias when there is none: on first start, or when the engine
 * came back empty. A plain index under the alias's name (auto-created by a write that found no alias)
 * has the wrong mapping and would block the alias: it goes, as the database can refill everything.
 */
export const ensureIndex = async (
  client: Client,
  alias: string,
  regions: readonly Region[],
  options: { shards?: number; replicas?: number } = {},
) => {
  const exists = await client.indices.existsAlias({ name: alias });
  if (exists.body) return undefined;
  if ((await client.indices.exists({ index: alias })).body) await client.indices.delete({ index: alias });
  const index = `${alias}-${Date.now()}`;
  await client.indices.create({ index, body: { ...questionIndexBody(regions, options), aliases: { [alias]: {} } } as never });
  return index;
};

/** The indices the alias points to now. */
export const aliasTargets = async (client: Client, alias: string): Promise<string[]> => {
  const exists = await client.indices.existsAlias({ name: alias });
  if (!exists.body) return [];
  const res = await client.indices.getAlias({ name: alias });
  return Object.keys(res.body);
};

/** Writes documents into one named index (a rebuild in progress), not through the alias. */
export const bulkInto = async (client: Client, index: string, docs: readonly EngineDocument[]) => {
  if (docs.length === 0) return;
  const res = await client.bulk({ body: docs.flatMap((d) => [{ index: { _index: index, _id: d.id } }, d]) as never });
  if (res.body.errors)
    throw new Error(`bulk into ${index} failed: ${JSON.stringify(res.body.items.find((i) => Object.values(i)[0]?.error)).slice(0, 300)}`);
};

export const createVersionedIndex = async (
  client: Client,
  alias: string,
  regions: readonly Region[],
  options: { shards?: number; replicas?: number } = {},
) => {
  const index = `${alias}-${Date.now()}`;
  await client.indices.create({ index, body: questionIndexBody(regions, options) as never });
  return index;
};

/** Points the alias at `index` in one atomic step, then drops the indices it pointed to before. */
export const swapAlias = async (client: Client, alias: string, index: string) => {
  const previous = (await aliasTargets(client, alias)).filter((i) => i !== index);
  await client.indices.updateAliases({
    body: { actions: [...previous.map((i) => ({ remove: { index: i, alias } })), { add: { index, alias } }] },
  });
  for (const old of previous) await client.indices.delete({ index: old });
  return previous;
};

/** The version of a document in the engine, which a conditional write must match. */
export interface EngineVersion {
  readonly seqNo: number;
  readonly primaryTerm: number;
}

/** What the engine holds for a document, and its version. */
export interface StoredDocument extends EngineVersion {
  readonly source: Record<string, unknown>;
}

/** The stored documents among `ids` (absent ones are not in the map). */
export const engineDocuments = async (client: Client, alias: string, ids: readonly string[]) => {
  const stored = new Map<string, StoredDocument>();
  if (ids.length === 0) return stored;
  const res = await client.mget({ index: alias, body: { ids } } as never);
  type Doc = { _id: string; found?: boolean; _source?: Record<string, unknown>; _seq_no?: number; _primary_term?: number };
  for (const d of (res.body as { docs: Doc[] }).docs)
    if (d.found && d._source) stored.set(d._id, { source: d._source, seqNo: d._seq_no ?? 0, primaryTerm: d._primary_term ?? 0 });
  return stored;
};

/** Every document id in the index with its version, a page at a time (a scroll, so the listing is one point in time). */
export async function* engineIds(client: Client, alias: string, pageSize = 1_000) {
  type Hit = { _id: string; _seq_no?: number; _primary_term?: number };
  let res = await client.search({
    index: alias,
    scroll: "1m",
    body: { size: pageSize, _source: false, seq_no_primary_term: true, sort: ["_doc"], query: { match_all: {} } },
  } as never);
  let scrollId = (res.body as { _scroll_id?: string })._scroll_id;
  try {
    for (;;) {
      const hits = (res.body as { hits: { hits: Hit[] } }).hits.hits;
      if (hits.length === 0) return;
      yield hits.map((h) => ({ id: h._id, seqNo: h._seq_no ?? 0, primaryTerm: h._primary_term ?? 0 }));
      res = await client.scroll({ body: { scroll_id: scrollId, scroll: "1m" } } as never);
      scrollId = (res.body as { _scroll_id?: string })._scroll_id ?? scrollId;
    }
  } finally {
    if (scrollId) await client.clearScroll({ body: { scroll_id: scrollId } } as never).catch(() => {});
  }
}

/**
 * A write that only lands on the version it was decided on: `create` when the engine had no document,
 * otherwise `index`/`delete` if the document is still at `expected`. A conflict means someone (the
 * outbox sync) wrote meanwhile, with fresher data: such ids come back as skipped.
 */
export type EngineWrite =
  | { readonly op: "create"; readonly doc: EngineDocument }
  | { readonly op: "index"; readonly doc: EngineDocument; readonly expected: EngineVersion }
  | { readonly op: "delete"; readonly id: string; readonly expected: EngineVersion };

export const writeConditionally = async (client: Client, alias: string, writes: readonly EngineWrite[]) => {
  if (writes.length === 0) return { written: [] as string[], skipped: [] as string[] };
  const body = writes.flatMap((w): object[] => {
    const guard = w.op === "create" ? {} : { if_seq_no: w.expected.seqNo, if_primary_term: w.expected.primaryTerm };
    if (w.op === "delete") return [{ delete: { _index: alias, _id: w.id, ...guard } }];
    return [{ [w.op]: { _index: alias, _id: w.doc.id, ...guard } }, w.doc];
  });
  const res = await client.bulk({ body: body as never, refresh: true, require_alias: true });
  const written: string[] = [];
  const skipped: string[] = [];
  for (const item of res.body.items as Record<string, { _id?: string | null; status: number; error?: unknown }>[]) {
    const r = Object.values(item)[0];
    if (!r) continue;
    const id = String(r._id);
    if (r.status === 409) skipped.push(id);
    // Deleting what is already gone reaches the goal too.
    else if (r.status === 404 && Object.keys(item)[0] === "delete") written.push(id);
    else if (r.error) throw new Error(`repair of ${id} failed: ${JSON.stringify(r.error).slice(0, 300)}`);
    else written.push(id);
  }
  return { written, skipped };
};
