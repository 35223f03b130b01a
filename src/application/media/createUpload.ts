import { Effect } from "effect";
import { checkUploadRequest, objectKeys, startOfKstDay, UPLOAD_URL_TTL_SECONDS } from "../../domain/media/media.js";
import type { UserId } from "../../domain/shared/ids.js";
import { fromDomain } from "../fromDomain.js";
import { Clock } from "../ports/Clock.js";
import { Ids } from "../ports/Ids.js";
import { MediaPolicy } from "../ports/MediaPolicy.js";
import { MediaRepository } from "../ports/MediaRepository.js";
import { MediaStore } from "../ports/MediaStore.js";

export interface CreateUploadInput {
  readonly ownerId: UserId;
  readonly contentType: string;
  readonly size: number;
}

/** A key and a presigned upload of exactly this type and size, within the caller's daily quota. */
export const createUpload = Effect.fn("createUpload")(function* (input: CreateUploadInput) {
  const now = yield* (yield* Clock).now;
  const uploads = yield* MediaRepository;
  const { uploadsPerDay } = yield* MediaPolicy;
  const today = yield* uploads.countSince(input.ownerId, startOfKstDay(now));
  const request = yield* fromDomain(checkUploadRequest(input, today, uploadsPerDay));
  const key = (yield* (yield* Ids).next).toLowerCase();
  yield* uploads.insert({
    key,
    ownerId: input.ownerId,
    contentType: request.contentType,
    size: request.size,
    status: "pending",
    width: null,
    height: null,
    attachedTo: null,
    createdAt: now,
    confirmedAt: null,
  });
  const upload = yield* (yield* MediaStore).presignUpload(objectKeys(key).original, {
    ...request,
    now,
    expiresInSeconds: UPLOAD_URL_TTL_SECONDS,
  });
  return { key, upload };
});
