import { randomBytes } from "node:crypto";
import { Effect, Layer } from "effect";
import { MediaEndpoint, MediaStore } from "../../application/ports/MediaStore.js";
import { localMediaStore } from "../local-media/localMediaStore.js";
import { makeUrlSigner } from "../local-media/signedUrls.js";

/** The local store's twin: the same signed URLs and endpoint, bytes in a map. `objects` lets tests look inside. */
export const makeInMemoryMediaStore = (options: { readonly baseUrl?: string } = {}) => {
  const objects = new Map<string, Uint8Array>();
  const { store, endpoint } = localMediaStore(
    {
      read: (key, maxBytes) => Effect.sync(() => objects.get(key)?.slice(0, maxBytes + 1) ?? null),
      write: (key, bytes) => Effect.sync(() => void objects.set(key, new Uint8Array(bytes))),
      remove: (key) => Effect.sync(() => void objects.delete(key)),
      exists: (key) => Effect.sync(() => objects.has(key)),
    },
    makeUrlSigner(randomBytes(32)),
    options.baseUrl,
  );
  return { objects, layer: Layer.merge(Layer.succeed(MediaStore, store), Layer.succeed(MediaEndpoint, endpoint)) };
};
