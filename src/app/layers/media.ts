import { join } from "node:path";
import { Effect, Layer } from "effect";
import { FsMediaStore, loadSigningSecret } from "../../adapters/filesystem/FsMediaStore.js";
import { SharpImageProcessor } from "../../adapters/image/SharpImageProcessor.js";
import { makeInMemoryMediaStore } from "../../adapters/in-memory/InMemoryMediaStore.js";
import type { S3Options } from "../../adapters/s3/S3MediaStore.js";
import type { HealthChecks } from "../../application/ports/HealthCheck.js";
import { MediaPolicy } from "../../application/ports/MediaPolicy.js";
import type { Config } from "../config.js";

export const s3Options = (config: Config): S3Options | undefined =>
  config.S3_BUCKET
    ? {
        bucket: config.S3_BUCKET,
        region: config.S3_REGION,
        endpoint: config.S3_ENDPOINT,
        credentials:
          config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
            ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
            : undefined,
        forcePathStyle: config.S3_FORCE_PATH_STYLE ? config.S3_FORCE_PATH_STYLE === "true" : config.S3_ENDPOINT !== undefined,
        publicUrl: config.S3_PUBLIC_URL,
        timeoutMs: config.S3_TIMEOUT_MS,
      }
    : undefined;

// The AWS SDK takes ~0.7 s to load here: only a service configured for S3 pays for it.
const loadS3 = () => import("../../adapters/s3/S3MediaStore.js");

export const mediaPolicy = (config: Config) =>
  Layer.succeed(MediaPolicy, { uploadsPerDay: config.MEDIA_UPLOADS_PER_DAY, urlTtlSeconds: config.MEDIA_URL_TTL_SECONDS });

/**
 * Images: S3 when S3_BUCKET is set, else files under DATA_DIR/media served by the service itself with
 * signed URLs (the secret kept in DATA_DIR/media.secret, shared by every process on that DATA_DIR);
 * sharp checks and re-encodes them.
 */
export const mediaLayer = (config: Config) => {
  const s3 = s3Options(config);
  const store = s3
    ? Layer.unwrap(Effect.promise(() => loadS3()).pipe(Effect.map((m) => m.S3MediaStore(s3))))
    : Layer.unwrap(
        Effect.promise(() => loadSigningSecret(join(config.DATA_DIR, "media.secret"))).pipe(
          Effect.map((secret) =>
            FsMediaStore({ root: join(config.DATA_DIR, "media"), secret, baseUrl: config.MEDIA_PUBLIC_URL?.replace(/\/$/, "") ?? "" }),
          ),
        ),
      );
  return Layer.mergeAll(store, SharpImageProcessor, mediaPolicy(config));
};

/** Readiness: the bucket too, when images are on S3 (added to the checks `base` has). */
export const withMediaHealth = <A, E, R>(config: Config, base: Layer.Layer<A | HealthChecks, E, R>) => {
  const s3 = s3Options(config);
  if (!s3) return base;
  const check = Layer.unwrap(Effect.promise(() => loadS3()).pipe(Effect.map((m) => m.withObjectStoreCheck(s3))));
  return Layer.merge(base, check.pipe(Layer.provide(base)));
};

/** Images in memory with the real image library and the default limits: for tests and the API document's examples. */
export const inMemoryMedia = (policy: { readonly uploadsPerDay?: number; readonly urlTtlSeconds?: number } = {}) =>
  Layer.mergeAll(
    makeInMemoryMediaStore().layer,
    SharpImageProcessor,
    Layer.succeed(MediaPolicy, { uploadsPerDay: policy.uploadsPerDay ?? 50, urlTtlSeconds: policy.urlTtlSeconds ?? 6 * 3600 }),
  );
