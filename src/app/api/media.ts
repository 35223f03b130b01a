import { Effect } from "effect";
import { type ImageLink, imageLinks } from "../../application/media/imageLinks.js";
import { publicLocationsFor, withPublicLocations } from "./publicLocations.js";
import { type Call, run } from "./run.js";

type Node = { readonly images?: unknown; readonly imageUrls?: unknown; readonly [k: string]: unknown };

const isObject = (v: unknown): v is Node => typeof v === "object" && v !== null;
const keysIn = (n: Node) => (Array.isArray(n.images) ? n.images.filter((k): k is string => typeof k === "string") : []);

const collect = (value: unknown, into: Set<string>): void => {
  if (Array.isArray(value)) for (const v of value) collect(v, into);
  else if (isObject(value) && !(value instanceof Date)) {
    for (const k of keysIn(value)) into.add(k);
    for (const v of Object.values(value)) collect(v, into);
  }
};

const fill = <T>(value: T, links: ReadonlyMap<string, ImageLink>): T => {
  if (Array.isArray(value)) return value.map((v) => fill(v, links)) as T;
  if (!isObject(value) || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = fill(v, links);
  if ("imageUrls" in value) out.imageUrls = keysIn(value).flatMap((k) => links.get(k) ?? []);
  return out as T;
};

/**
 * Coarsens question locations for readers (withPublicLocations), then fills `imageUrls` beside every `images` in a view (a question, its answers, a page of them) with the
 * served URLs, signed in one go. A read: it never takes the caller's write slot.
 */
export const withImageLinks = async <T>(call: Call, viewValue: T): Promise<T> => {
  // Every answer with question views passes here: their locations are coarsened for readers first.
  const value = await withPublicLocations(call, viewValue);
  const keys = new Set<string>();
  collect(value, keys);
  if (keys.size === 0) return value;
  return fill(value, await run({ ...call, writes: false }, imageLinks([...keys])));
};

/**
 * withImageLinks as an effect, for anonymous answers built once and cached already serialised
 * (src/app/api/publicReads.ts): locations coarsened as for any reader but the asker, then the image links.
 */
export const fillImageLinks = <T>(viewValue: T) =>
  Effect.flatMap(publicLocationsFor(null, viewValue), (value) => {
    const keys = new Set<string>();
    collect(value, keys);
    return keys.size === 0 ? Effect.succeed(value) : Effect.map(imageLinks([...keys]), (links) => fill(value, links));
  });
