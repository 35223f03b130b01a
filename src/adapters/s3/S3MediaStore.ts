import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { Duration, Effect, Layer } from "effect";
import { DependencyUnavailable } from "../../application/errors.js";
import { HealthChecks } from "../../application/ports/HealthCheck.js";
import { MediaEndpoint, MediaStore } from "../../application/ports/MediaStore.js";
import { urlWindowStart } from "../../domain/media/media.js";

export interface S3Options {
  readonly bucket: string;
  readonly region: string;
  /** An S3-compatible endpoint (S3Proxy, MinIO, R2…); AWS itself when absent. */
  readonly endpoint?: string | undefined;
  /** Explicit keys; the AWS default chain (environment, profile, instance role) when absent. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } | undefined;
  readonly forcePathStyle: boolean;
  /** A public base (a CDN or a public bucket) that serves `images/…` unsigned; signed GET URLs otherwise. */
  readonly publicUrl?: string | undefined;
  /** Each call's time budget. */
  readonly timeoutMs: number;
}

const unavailable = (e: unknown) => new DependencyUnavailable("storage", e instanceof Error ? e.message : String(e), { cause: e });
const statusOf = (e: unknown) => (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
const nameOf = (e: unknown) => (e as { name?: string }).name;
const isMissing = (e: unknown) => statusOf(e) === 404 || nameOf(e) === "NoSuchKey" || nameOf(e) === "NotFound";

export const makeS3Client = (o: S3Options) =>
  new S3Client({
    region: o.region,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    ...(o.credentials ? { credentials: { ...o.credentials } } : {}),
    forcePathStyle: o.forcePathStyle,
    maxAttempts: 2,
    requestHandler: { connectionTimeout: Math.min(o.timeoutMs, 2_000), requestTimeout: o.timeoutMs },
  });

/**
 * Images on S3 (or any S3-compatible store). The client uploads straight to the bucket with a presigned
 * PUT whose signature covers Content-Type and Content-Length; every call is bounded by `timeoutMs` and
 * aborted past it, and a store that fails or runs over dies with DependencyUnavailable("storage").
 */
export const makeS3MediaStore = (o: S3Options, client: S3Client = makeS3Client(o)): MediaStore["Service"] => {
  // Past the budget the fiber is interrupted, which aborts the request (tryPromise's signal).
  const call = <A>(f: (signal: AbortSignal) => Promise<A>): Effect.Effect<A, unknown> =>
    Effect.tryPromise({ try: f, catch: (e): unknown => e }).pipe(Effect.timeout(Duration.millis(o.timeoutMs)));
  const send = <A>(f: (signal: AbortSignal) => Promise<A>): Effect.Effect<A> =>
    call(f).pipe(Effect.catch((e) => Effect.die(unavailable(e))));
  const Bucket = o.bucket;

  /** Every version and delete marker of the keys (a versioned bucket keeps old versions after a plain delete). */
  const versionsOf = (keys: readonly string[]) =>
    Effect.forEach(keys, (key) =>
      call(async (abortSignal) => {
        const found: { Key: string; VersionId?: string }[] = [];
        let KeyMarker: string | undefined;
        let VersionIdMarker: string | undefined;
        do {
          const page = await client.send(new ListObjectVersionsCommand({ Bucket, Prefix: key, KeyMarker, VersionIdMarker }), {
            abortSignal,
          });
          for (const v of [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])])
            if (v.Key === key && v.VersionId && v.VersionId !== "null") found.push({ Key: key, VersionId: v.VersionId });
          KeyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
          VersionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
        } while (KeyMarker);
        return found;
      }).pipe(
        // A store without versioning support (or an unversioned bucket) has only the current objects.
        Effect.catch((e) => (statusOf(e) === 501 || nameOf(e) === "NotImplemented" ? Effect.succeed([]) : Effect.die(unavailable(e)))),
      ),
    ).pipe(Effect.map((lists) => lists.flat()));

  return {
    presignUpload: (objectKey, { contentType, size, now, expiresInSeconds }) =>
      send(() =>
        getSignedUrl(client, new PutObjectCommand({ Bucket, Key: objectKey, ContentType: contentType, ContentLength: size }), {
          expiresIn: expiresInSeconds,
          signingDate: now,
          // Signed, so a client cannot send another type or a longer body with this URL.
          signableHeaders: new Set(["content-type", "content-length"]),
        }),
      ).pipe(
        Effect.map((url) => ({
          method: "PUT" as const,
          url,
          headers: { "Content-Type": contentType, "Content-Length": String(size) },
          expiresAt: new Date(now.getTime() + expiresInSeconds * 1000),
        })),
      ),
    read: (objectKey, maxBytes) =>
      call(async (abortSignal) => {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: objectKey, Range: `bytes=0-${maxBytes}` }), { abortSignal });
        return res.Body ? new Uint8Array(await res.Body.transformToByteArray()) : new Uint8Array();
      }).pipe(
        Effect.catch((e) =>
          isMissing(e) ? Effect.succeed(null) : statusOf(e) === 416 ? Effect.succeed(new Uint8Array()) : Effect.die(unavailable(e)),
        ),
      ),
    write: (objectKey, bytes, contentType) =>
      send((abortSignal) =>
        client.send(
          new PutObjectCommand({
            Bucket,
            Key: objectKey,
            Body: bytes,
            ContentType: contentType,
            // Processed versions never change under their key.
            CacheControl: "public, max-age=31536000, immutable",
          }),
          { abortSignal },
        ),
      ).pipe(Effect.asVoid),
    url: (objectKey, now, ttlSeconds) =>
      o.publicUrl
        ? Effect.succeed(`${o.publicUrl.replace(/\/$/, "")}/${objectKey}`)
        : send(() =>
            getSignedUrl(client, new GetObjectCommand({ Bucket, Key: objectKey }), {
              expiresIn: ttlSeconds,
              signingDate: urlWindowStart(now, ttlSeconds),
            }),
          ),
    remove: (objectKeys) =>
      Effect.gen(function* () {
        if (objectKeys.length === 0) return;
        const versions = yield* versionsOf(objectKeys);
        const Objects = [...objectKeys.map((Key) => ({ Key })), ...versions];
        for (let i = 0; i < Objects.length; i += 1000) {
          const batch = Objects.slice(i, i + 1000);
          const res = yield* send((abortSignal) =>
            client.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: batch, Quiet: true } }), { abortSignal }),
          );
          const failed = (res.Errors ?? []).filter((e) => e.Code !== "NoSuchKey" && e.Code !== "NoSuchVersion");
          if (failed.length > 0)
            return yield* Effect.die(unavailable(new Error(`delete failed: ${failed.map((e) => `${e.Key} ${e.Code}`).join(", ")}`)));
        }
      }),
    exists: (objectKey) =>
      call((abortSignal) => client.send(new HeadObjectCommand({ Bucket, Key: objectKey }), { abortSignal })).pipe(
        Effect.as(true),
        Effect.catch((e) => (isMissing(e) ? Effect.succeed(false) : Effect.die(unavailable(e)))),
      ),
  };
};

const notServedHere = { status: 404 } as const;

/** S3 for the MediaStore; the service's own /media route then serves nothing (clients go to the bucket). */
export const S3MediaStore = (o: S3Options) => {
  const client = makeS3Client(o);
  return Layer.merge(
    Layer.succeed(MediaStore, makeS3MediaStore(o, client)),
    Layer.succeed(MediaEndpoint, { upload: () => Effect.succeed(notServedHere), download: () => Effect.succeed(notServedHere) }),
  );
};

/** Adds the bucket to the readiness checks (HeadBucket). Not essential: questions go on without new images. */
export const withObjectStoreCheck = (o: S3Options) =>
  Layer.effect(
    HealthChecks,
    Effect.gen(function* () {
      const { checks } = yield* HealthChecks;
      const client = makeS3Client(o);
      const ping = Effect.tryPromise((signal) => client.send(new HeadBucketCommand({ Bucket: o.bucket }), { abortSignal: signal }));
      return { checks: [...checks, { name: "objectStore", essential: false, ping }] };
    }),
  );
