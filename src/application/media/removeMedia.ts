import { Effect } from "effect";
import { allObjectKeys, type MediaUpload, type PostRef, UPLOAD_TTL_MS } from "../../domain/media/media.js";
import type { UserId } from "../../domain/shared/ids.js";
import { Clock } from "../ports/Clock.js";
import { MediaRepository } from "../ports/MediaRepository.js";
import { MediaStore } from "../ports/MediaStore.js";

/** Objects first (every version, the original too), then the records: a failure midway leaves a record to retry from. */
const removeUploads = (uploads: readonly MediaUpload[]) =>
  Effect.gen(function* () {
    if (uploads.length === 0) return 0;
    yield* (yield* MediaStore).remove(uploads.flatMap((u) => allObjectKeys(u.key)));
    yield* (yield* MediaRepository).remove(uploads.map((u) => u.key));
    return uploads.length;
  });

/** A deleted post's images, from the store and the records. Called once the post's deletion has committed. */
export const removePostMedia = Effect.fn("removePostMedia")(function* (post: PostRef) {
  return yield* removeUploads(yield* (yield* MediaRepository).ofPost(post));
});

/** Every image a deleted account uploaded, attached or not. */
export const removeUserMedia = Effect.fn("removeUserMedia")(function* (ownerId: UserId) {
  return yield* removeUploads(yield* (yield* MediaRepository).ofOwner(ownerId));
});

const EXPIRY_BATCH = 100;

/** Uploads never attached to a post within 24 h go, in batches until none is left; how many went. */
export const expireUploads = Effect.fn("expireUploads")(function* () {
  const now = yield* (yield* Clock).now;
  const before = new Date(now.getTime() - UPLOAD_TTL_MS);
  let removed = 0;
  for (;;) {
    const batch = yield* (yield* MediaRepository).unattachedBefore(before, EXPIRY_BATCH);
    removed += yield* removeUploads(batch);
    if (batch.length < EXPIRY_BATCH) return removed;
  }
});
