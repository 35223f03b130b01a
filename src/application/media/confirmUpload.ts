import { Effect } from "effect";
import {
  checkImage,
  MAX_UPLOAD_BYTES,
  MediaNotFound,
  MediaNotUploaded,
  MediaNotYours,
  type MediaUpload,
  objectKeys,
  sniffImageType,
} from "../../domain/media/media.js";
import type { UserId } from "../../domain/shared/ids.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { ImageProcessor } from "../ports/ImageProcessor.js";
import { MediaRepository } from "../ports/MediaRepository.js";
import { MediaStore } from "../ports/MediaStore.js";

/**
 * Checks what was uploaded under the caller's key and re-encodes it: the type by its magic bytes, the size,
 * the pixels from the header before decoding; then the display and thumbnail versions (WebP, no metadata)
 * are written and the original deleted. Refused bytes are deleted too. Confirming twice is a no-op.
 */
export const confirmUpload = Effect.fn("confirmUpload")(function* (input: { readonly key: string; readonly actorId: UserId }) {
  const uploads = yield* MediaRepository;
  const store = yield* MediaStore;
  const upload = yield* uploads.find(input.key);
  if (!upload) return yield* Effect.fail(MediaNotFound);
  if (upload.ownerId !== input.actorId) return yield* Effect.fail(MediaNotYours);
  if (upload.status === "confirmed") return upload;
  const keys = objectKeys(upload.key);
  const bytes = yield* store.read(keys.original, MAX_UPLOAD_BYTES);
  if (bytes === null) return yield* Effect.fail(MediaNotUploaded);
  const refuse = <E>(error: E) => store.remove([keys.original]).pipe(Effect.andThen(Effect.fail(error)));
  const sniffed = sniffImageType(bytes);
  const header = sniffed === null ? null : yield* (yield* ImageProcessor).header(bytes);
  yield* fromDomain(checkImage(sniffed, bytes.length, header)).pipe(Effect.catch(refuse));
  const processed = yield* (yield* ImageProcessor)
    .process(bytes)
    .pipe(Effect.catch(() => refuse({ _tag: "UnsupportedImageType" as const, contentType: sniffed ?? "unknown" })));
  yield* store.write(keys.display, processed.display, "image/webp");
  yield* store.write(keys.thumbnail, processed.thumbnail, "image/webp");
  const now = yield* (yield* Clock).now;
  const confirmed = yield* uploads.confirm(upload.key, { width: processed.width, height: processed.height }, now);
  yield* store.remove([keys.original]);
  return confirmed ?? upload;
});

/**
 * What a post is about to carry: distinct keys, at most MAX_IMAGES, each of the caller's pending uploads
 * confirmed now (attaching a key confirms it, as media.confirm would). Others are left to attachMedia.
 */
export const confirmForPost = Effect.fn("confirmForPost")(function* (keys: readonly string[], actorId: UserId) {
  const pending = (yield* (yield* MediaRepository).findMany(keys)).filter(
    (u: MediaUpload) => u.ownerId === actorId && u.status === "pending",
  );
  yield* Effect.forEach(pending, (u) => confirmUpload({ key: u.key, actorId }), { discard: true });
});
