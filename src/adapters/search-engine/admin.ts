import type { Client } from "@opensearch-project/opensearch";
import type { Region } from "../../domain/region/region.js";
import type { EngineDocument } from "./document.js";
import { questionIndexBody } from "./questionIndex.js";

/** Creates a versioned index behind the alias when there is none (first start). */
export const ensureIndex = async (
  client: Client,
  alias: string,
  regions: readonly Region[],
  options: { shards?: number; replicas?: number } = {},
) => {
  const exists = await client.indices.existsAlias({ name: alias });
  if (exists.body) return undefined;
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

export const engineCount = async (client: Client, alias: string) => (await client.count({ index: alias })).body.count;

/** The stored checksum of each id the engine has; a missing document maps to undefined. */
export const engineChecksums = async (client: Client, alias: string, ids: readonly string[]) => {
  if (ids.length === 0) return new Map<string, string | undefined>();
  const res = await client.mget({ index: alias, body: { ids }, _source: ["checksum"] } as never);
  const docs = (res.body as { docs: { _id: string; found?: boolean; _source?: { checksum?: string } }[] }).docs;
  return new Map(docs.map((d) => [d._id, d.found ? d._source?.checksum : undefined]));
};
