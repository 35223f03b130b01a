import { Effect } from "effect";
import { checkAttachable, type PostRef } from "../../domain/media/media.js";
import type { UserId } from "../../domain/shared/ids.js";
import { fromDomain } from "../fromDomain.js";
import { MediaRepository } from "../ports/MediaRepository.js";

/**
 * Inside the post's unit of work: each key must be the caller's confirmed upload, attached to no other
 * post. The update is conditional too, so two posts racing for one image cannot both get it.
 */
export const attachMedia = Effect.fn("attachMedia")(function* (keys: readonly string[], actorId: UserId, to: PostRef) {
  if (keys.length === 0) return;
  const uploads = yield* MediaRepository;
  const found = new Map((yield* uploads.findMany(keys)).map((u) => [u.key, u]));
  for (const key of keys) yield* fromDomain(checkAttachable(found.get(key), actorId, to));
  const attached = yield* uploads.attach(keys, actorId, to);
  if (attached.length !== new Set(keys).size) return yield* Effect.fail({ _tag: "MediaAlreadyAttached" as const });
});
