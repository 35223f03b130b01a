import { Effect } from "effect";
import type { EndpointReply, MediaEndpoint, MediaStore } from "../../application/ports/MediaStore.js";
import { urlWindowStart } from "../../domain/media/media.js";
import type { UrlSigner } from "./signedUrls.js";

/** Where the local stores keep bytes: a folder on disk, or a map in memory. */
export interface ByteBackend {
  readonly read: (objectKey: string, maxBytes: number) => Effect.Effect<Uint8Array | null>;
  readonly write: (objectKey: string, bytes: Uint8Array) => Effect.Effect<void>;
  readonly remove: (objectKey: string) => Effect.Effect<void>;
  readonly exists: (objectKey: string) => Effect.Effect<boolean>;
}

/** The object keys of src/domain/media: originals may be uploaded, only processed versions served. */
const UPLOADABLE = /^uploads\/[a-z0-9][a-z0-9-]{0,63}$/;
const SERVABLE = /^images\/[a-z0-9][a-z0-9-]{0,63}\/[a-z]{1,16}\.webp$/;
export const isLocalObjectKey = (key: string) => UPLOADABLE.test(key) || SERVABLE.test(key);

/** Where the route lives (src/app/http): `<base>/media/<objectKey>?…`. */
export const MEDIA_ROUTE = "/media/";

const reply = (status: number, message: string): EndpointReply => ({
  status,
  body: new TextEncoder().encode(JSON.stringify({ error: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : "MEDIA_URL_REFUSED", message } })),
  headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
});
const REFUSED = "주소가 올바르지 않거나 만료되었어요.";

const expiresOf = (params: URLSearchParams, now: Date) => {
  const expires = Number(params.get("expires"));
  return Number.isSafeInteger(expires) && expires * 1000 > now.getTime() ? expires : null;
};

/**
 * A MediaStore whose URLs point at the service itself (`baseUrl`, or a path on the service's own origin
 * when empty), with the MediaEndpoint that answers them: uploads to `uploads/…` with the signed type
 * and length, downloads of `images/…` until their expiry.
 */
export const localMediaStore = (backend: ByteBackend, signer: UrlSigner, baseUrl = "") => {
  const at = (objectKey: string, query: Record<string, string>) =>
    `${baseUrl}${MEDIA_ROUTE}${objectKey}?${new URLSearchParams(query).toString()}`;

  const store: MediaStore["Service"] = {
    presignUpload: (objectKey, { contentType, size, now, expiresInSeconds }) =>
      Effect.sync(() => {
        const expires = Math.floor(now.getTime() / 1000) + expiresInSeconds;
        const signature = signer.sign(["PUT", objectKey, String(expires), contentType, String(size)]);
        return {
          method: "PUT" as const,
          url: at(objectKey, { expires: String(expires), signature }),
          headers: { "Content-Type": contentType, "Content-Length": String(size) },
          expiresAt: new Date(expires * 1000),
        };
      }),
    read: (objectKey, maxBytes) => backend.read(objectKey, maxBytes),
    write: (objectKey, bytes) => backend.write(objectKey, bytes),
    url: (objectKey, now, ttlSeconds) =>
      Effect.sync(() => {
        const expires = Math.floor(urlWindowStart(now, ttlSeconds).getTime() / 1000) + ttlSeconds;
        return at(objectKey, { expires: String(expires), signature: signer.sign(["GET", objectKey, String(expires)]) });
      }),
    remove: (objectKeys) => Effect.forEach(objectKeys, backend.remove, { discard: true }),
    exists: (objectKey) => backend.exists(objectKey),
  };

  const endpoint: MediaEndpoint["Service"] = {
    upload: (objectKey, params, request, body) =>
      Effect.gen(function* () {
        const expires = expiresOf(params, request.now);
        const { contentType, contentLength } = request;
        if (!UPLOADABLE.test(objectKey) || expires === null || contentType === undefined || contentLength === undefined)
          return reply(403, REFUSED);
        if (!signer.verify(["PUT", objectKey, String(expires), contentType, String(contentLength)], params.get("signature")))
          return reply(403, REFUSED);
        // The length was signed; a body longer than it is cut off, not stored.
        const chunks: Uint8Array[] = [];
        let received = 0;
        const tooLong = yield* Effect.promise(async () => {
          for await (const chunk of body) {
            received += chunk.length;
            if (received > contentLength) return true;
            chunks.push(chunk);
          }
          return false;
        });
        if (tooLong) return reply(413, "사진 파일이 너무 커요.");
        if (received !== contentLength) return reply(400, "사진 파일이 끝까지 전송되지 않았어요.");
        yield* backend.write(objectKey, new Uint8Array(Buffer.concat(chunks)));
        return { status: 200 };
      }),
    download: (objectKey, params, now) =>
      Effect.gen(function* () {
        const expires = expiresOf(params, now);
        if (!SERVABLE.test(objectKey) || expires === null || !signer.verify(["GET", objectKey, String(expires)], params.get("signature")))
          return reply(403, REFUSED);
        const bytes = yield* backend.read(objectKey, Number.MAX_SAFE_INTEGER);
        if (bytes === null) return reply(404, "사진을 찾을 수 없어요.");
        const maxAge = Math.max(0, expires - Math.floor(now.getTime() / 1000));
        return {
          status: 200,
          body: bytes,
          headers: {
            "Content-Type": "image/webp",
            // Until the URL expires: a CDN in front may keep it as long.
            "Cache-Control": `public, max-age=${maxAge}, immutable`,
            "Content-Security-Policy": "default-src 'none'",
          },
        };
      }),
  };
  return { store, endpoint };
};
