import { Effect } from "effect";
import { MAX_UPLOAD_BYTES, objectKeys } from "../../domain/media/media.js";
import type { UserId } from "../../domain/shared/ids.js";
import { UserNotFound } from "../errors.js";
import { MediaRepository } from "../ports/MediaRepository.js";
import { MediaStore } from "../ports/MediaStore.js";
import { UserRepository } from "../ports/UserRepository.js";

/** One image of the caller's export archive: the served version (the original is never kept). */
export interface ExportedImage {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/**
 * The caller's images for the downloadable archive of their data (개인정보 보호법 제35조): each confirmed
 * upload's display version, read from the store a few at a time. An object gone from the store is left out.
 */
export const exportImages = Effect.fn("exportImages")(function* (userId: UserId) {
  const user = yield* (yield* UserRepository).findById(userId);
  if (!user || user.deletedAt !== null) return yield* Effect.fail(UserNotFound);
  const uploads = (yield* (yield* MediaRepository).ofOwner(userId)).filter((u) => u.status === "confirmed");
  const store = yield* MediaStore;
  const files = yield* Effect.forEach(
    uploads,
    (u) =>
      Effect.map(store.read(objectKeys(u.key).display, MAX_UPLOAD_BYTES), (bytes): ExportedImage[] =>
        bytes ? [{ name: `${u.key}.webp`, bytes }] : [],
      ),
    { concurrency: 4 },
  );
  return files.flat();
});
