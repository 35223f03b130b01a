import type { Client } from "@opensearch-project/opensearch";
import type { Region } from "../../domain/region/region.js";
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
