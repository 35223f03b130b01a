import { Effect, type Layer, ManagedRuntime } from "effect";
import { MediaEndpoint, type MediaStore, type PresignedUpload } from "../../src/application/ports/MediaStore.js";
import type { MediaStoreHarness } from "../contract/MediaStore.contract.js";

/** The route's prefix (src/app/http/media.ts): local URLs are `<base>/media/<objectKey>?…`. */
const objectKeyOf = (url: URL) => decodeURIComponent(url.pathname.replace(/^.*?\/media\//, ""));

async function* once(body: Uint8Array) {
  yield body;
}

/** Sends `body` to a local store's presigned upload through its MediaEndpoint (what the /media route does); the status. */
export const putThroughEndpoint = async (
  run: <A>(effect: Effect.Effect<A, never, MediaEndpoint>) => Promise<A>,
  upload: PresignedUpload,
  body: Uint8Array,
  now: Date,
  headers: Readonly<Record<string, string>> = upload.headers,
) => {
  const url = new URL(upload.url, "http://service.local");
  const request = { contentType: headers["Content-Type"], contentLength: Number(headers["Content-Length"]), now };
  return (await run(MediaEndpoint.use((e) => e.upload(objectKeyOf(url), url.searchParams, request, once(body))))).status;
};

/**
 * A local store (filesystem or memory) with a client that goes through its MediaEndpoint directly, as the
 * service's /media route does, without a socket.
 */
export const localHarness = async (
  layer: Layer.Layer<MediaStore | MediaEndpoint>,
  dispose = async () => {},
): Promise<MediaStoreHarness> => {
  const rt = ManagedRuntime.make(layer);
  const endpoint = await rt.runPromise(MediaEndpoint.use(Effect.succeed));
  return {
    run: (e) => rt.runPromise(e),
    put: (upload: PresignedUpload, body, headers = upload.headers) =>
      putThroughEndpoint((e) => rt.runPromise(e), upload, body, new Date(), headers),
    get: async (link) => {
      const url = new URL(link, "http://service.local");
      const reply = await Effect.runPromise(endpoint.download(objectKeyOf(url), url.searchParams, new Date()));
      return { status: reply.status, body: reply.body ?? new Uint8Array(), headers: new Headers(reply.headers ?? {}) };
    },
    dispose: async () => {
      await rt.dispose();
      await dispose();
    },
  };
};

/** A store whose URLs the client reaches over HTTP (S3). */
export const httpHarness = (layer: Layer.Layer<MediaStore>, dispose = async () => {}): MediaStoreHarness => {
  const rt = ManagedRuntime.make(layer);
  return {
    run: (e) => rt.runPromise(e),
    put: async (upload, body, headers = upload.headers) => {
      const res = await fetch(upload.url, { method: upload.method, headers: { "Content-Type": headers["Content-Type"] ?? "" }, body });
      await res.arrayBuffer();
      return res.status;
    },
    get: async (url) => {
      const res = await fetch(url);
      return { status: res.status, body: new Uint8Array(await res.arrayBuffer()), headers: res.headers };
    },
    dispose: async () => {
      await rt.dispose();
      await dispose();
    },
  };
};
