import { Effect } from "effect";
import { isMediaKey, objectKeys } from "../../domain/media/media.js";
import { Clock } from "../ports/Clock.js";
import { MediaPolicy } from "../ports/MediaPolicy.js";
import { MediaStore } from "../ports/MediaStore.js";

export interface ImageLink {
  readonly key: string;
  /** The display version (WebP, longest side ≤ 1600 px). */
  readonly url: string;
  /** The square thumbnail (WebP, 320 px). */
  readonly thumbnailUrl: string;
}

/**
 * The served URLs of images on posts, by key. Strings that are no media key (stored before keys were
 * checked) get none: nothing but the processed versions is ever linked.
 */
export const imageLinks = Effect.fn("imageLinks")(function* (keys: readonly string[]) {
  const links = new Map<string, ImageLink>();
  const valid = [...new Set(keys)].filter(isMediaKey);
  if (valid.length === 0) return links;
  const store = yield* MediaStore;
  const { urlTtlSeconds } = yield* MediaPolicy;
  const now = yield* (yield* Clock).now;
  for (const key of valid) {
    const o = objectKeys(key);
    links.set(key, {
      key,
      url: yield* store.url(o.display, now, urlTtlSeconds),
      thumbnailUrl: yield* store.url(o.thumbnail, now, urlTtlSeconds),
    });
  }
  return links;
});
